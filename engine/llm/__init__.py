"""Language-model clients (Gemini, local OpenAI-compatible servers) behind one interface."""
