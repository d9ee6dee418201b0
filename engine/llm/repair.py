"""The one repair request sent when an answer is not valid JSON for the schema.

It keeps the original system instruction and task (a missing required field
needs the club's data to be filled sensibly), then shows the model its own
answer and the validator's complaints, and asks for the corrected object only.
"""

from __future__ import annotations

import dataclasses

from engine.llm.base import CompletionRequest

REPAIR_MARKER = "CORREZIONE JSON / JSON REPAIR"  # test doubles match on it
MAX_ECHO_CHARS = 60_000


def repair_request(
    request: CompletionRequest, answer: str, problems: list[str]
) -> CompletionRequest:
    echoed = answer if len(answer) <= MAX_ECHO_CHARS else answer[:MAX_ECHO_CHARS] + "\n[...]"
    listed = "\n".join(f"- {problem}" for problem in problems[:20]) or "- invalid JSON"
    prompt = (
        f"{request.prompt}\n\n"
        f"---\n{REPAIR_MARKER}\n"
        "La tua risposta precedente non è un JSON valido per lo schema richiesto. "
        "Your previous answer is not valid JSON for the required schema.\n\n"
        f"Problemi / Problems:\n{listed}\n\n"
        f"Risposta precedente / Previous answer:\n<<<\n{echoed}\n>>>\n\n"
        "Rispondi SOLO con l'oggetto JSON corretto e completo, senza testo né blocchi di codice. "
        "Reply with ONLY the corrected, complete JSON object: no prose, no code fences."
    )
    return dataclasses.replace(
        request, agent=f"{request.agent}:repair", prompt=prompt, use_cache=False
    )
