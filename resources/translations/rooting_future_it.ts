<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name></name>
    <message>
        <source>Open Settings and enter a valid Gemini API key.</source>
        <translation>Aprite le impostazioni e inserite una chiave API di Gemini valida.</translation>
    </message>
    <message>
        <source>The key&apos;s quota is used up for now: wait the time shown, then retry (or choose the free-tier pace in Settings).</source>
        <translation>La quota della chiave è esaurita per ora: attendete il tempo indicato e riprovate (oppure scegliete il ritmo del piano gratuito nelle impostazioni).</translation>
    </message>
    <message>
        <source>No connection: retry when you are online, or complete the missing sections with the offline draft.</source>
        <translation>Nessuna connessione: riprovate quando siete in linea, oppure completate le sezioni mancanti con la bozza offline.</translation>
    </message>
    <message>
        <source>The service is overloaded: retry in a few minutes or use the offline draft.</source>
        <translation>Il servizio è sovraccarico: riprovate tra qualche minuto oppure usate la bozza offline.</translation>
    </message>
    <message>
        <source>The model took too long: retry, or use the offline draft.</source>
        <translation>Il modello ha impiegato troppo: riprovate, oppure usate la bozza offline.</translation>
    </message>
    <message>
        <source>This model is not available: choose another one in Settings.</source>
        <translation>Questo modello non è disponibile: sceglietene un altro nelle impostazioni.</translation>
    </message>
    <message>
        <source>To be collected: the questionnaire did not give this figure.</source>
        <translation>Dato da acquisire: il questionario non riporta questa cifra.</translation>
    </message>
    <message>
        <source>to be collected</source>
        <translation>dato da acquisire</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <source>Action {code}</source>
        <translation>Azione {code}</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicatore</translation>
    </message>
    <message>
        <source>Indicator name</source>
        <translation>Nome dell&apos;indicatore</translation>
    </message>
    <message>
        <source>{kpi}: today</source>
        <translation>{kpi}: oggi</translation>
    </message>
    <message>
        <source>{kpi}: target year {n}</source>
        <translation>{kpi}: obiettivo anno {n}</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>Sintesi</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Vision</source>
        <translation>Visione</translation>
    </message>
    <message>
        <source>Top priorities</source>
        <translation>Priorità principali</translation>
    </message>
    <message>
        <source>Quick wins</source>
        <translation>Risultati rapidi</translation>
    </message>
    <message>
        <source>Club analysis</source>
        <translation>Analisi della società</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analisi</translation>
    </message>
    <message>
        <source>Section status</source>
        <translation>Stato della sezione</translation>
    </message>
    <message>
        <source>Introduction</source>
        <translation>Introduzione</translation>
    </message>
    <message>
        <source>Financial plan</source>
        <translation>Piano economico-finanziario</translation>
    </message>
    <message>
        <source>Commentary</source>
        <translation>Commento</translation>
    </message>
    <message>
        <source>Risks</source>
        <translation>Rischi</translation>
    </message>
    <message>
        <source>Break-even year</source>
        <translation>Anno di pareggio</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Adempimenti</translation>
    </message>
    <message>
        <source>written</source>
        <translation>scritta</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>non riuscita</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>non scritta</translation>
    </message>
    <message>
        <source>edited by you</source>
        <translation>modificata da voi</translation>
    </message>
    <message>
        <source>The two versions have the same content.</source>
        <translation>Le due versioni hanno lo stesso contenuto.</translation>
    </message>
    <message>
        <source>{n} differences from {old} to {new}.</source>
        <translation>{n} differenze dalla {old} alla {new}.</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>(niente)</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(rimosso)</translation>
    </message>
    <message>
        <source>This computer&apos;s password store (the system keyring), where the app keeps the Gemini key, cannot be used right now, so the key cannot be saved or read. Plans can still be written with the offline composer. On Linux, install and unlock GNOME Keyring or KWallet, then restart the app.</source>
        <translation>Il portachiavi di sistema di questo computer, dove l&apos;app conserva la chiave Gemini, ora non è utilizzabile: la chiave non può essere salvata né letta. I piani si possono comunque scrivere con il compositore offline. Su Linux installate e sbloccate GNOME Keyring o KWallet, poi riavviate l&apos;app.</translation>
    </message>
    <message>
        <source>Write to {email}.</source>
        <translation>Scrivete a {email}.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>yes/no</source>
        <translation>sì/no</translation>
    </message>
    <message>
        <source>number</source>
        <translation>numero</translation>
    </message>
</context>
<context>
    <name>ActionStateDelegate</name>
    <message>
        <source>State of action {code}</source>
        <translation>Stato dell&apos;azione {code}</translation>
    </message>
</context>
<context>
    <name>ActualsGrid</name>
    <message>
        <source>Objective</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <source>Indicator or item</source>
        <translation>Indicatore o voce</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unità</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Atteso</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Rilevato</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Measured values</source>
        <translation>Valori rilevati</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Annulla le modifiche</translation>
    </message>
    <message>
        <source>Save values</source>
        <translation>Salva i valori</translation>
    </message>
    <message>
        <source>Records the values typed (Ctrl+S)</source>
        <translation>Registra i valori scritti (Ctrl+S)</translation>
    </message>
    <message>
        <source>mid-season</source>
        <translation>metà stagione</translation>
    </message>
    <message>
        <source>season end</source>
        <translation>fine stagione</translation>
    </message>
    <message>
        <source>What the club measured for {season}, {when}. Type numbers as you write them ({whole} or {decimal}); the expected value is the plan&apos;s. Nothing is recorded until you press Save values; a value saved again replaces the earlier one in the status.</source>
        <translation>Quello che la società ha rilevato per {season}, {when}. Scrivete i numeri come li scrivete di solito ({whole} o {decimal}); il valore atteso è quello del piano. Nulla viene registrato finché non premete Salva i valori; un valore salvato di nuovo sostituisce il precedente nello stato.</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Indicatori</translation>
    </message>
    <message>
        <source>Finances of the season</source>
        <translation>Conti della stagione</translation>
    </message>
    <message>
        <source>Revenue and costs by item (they add up to the totals)</source>
        <translation>Entrate e costi per voce (sommati danno i totali)</translation>
    </message>
    <message>
        <source>Budget spent in the period</source>
        <translation>Budget speso nel periodo</translation>
    </message>
    <message>
        <source>Budget spent</source>
        <translation>Budget speso</translation>
    </message>
    <message>
        <source>What {code} spent in this period: September to January at mid-season, February to June at season end. The status adds up the periods so far.</source>
        <translation>Quanto ha speso {code} in questo periodo: da settembre a gennaio a metà stagione, da febbraio a giugno a fine stagione. Lo stato somma i periodi fin qui.</translation>
    </message>
    <message>
        <source>Type the value measured; empty: not measured yet</source>
        <translation>Scrivete il valore rilevato; vuoto: non ancora rilevato</translation>
    </message>
    <message>
        <source>A recorded value cannot be removed: type the right one.</source>
        <translation>Un valore registrato non si può cancellare: scrivete quello giusto.</translation>
    </message>
    <message>
        <source>Type yes or no (or 1 or 0).</source>
        <translation>Scrivete sì o no (oppure 1 o 0).</translation>
    </message>
    <message>
        <source>“{text}” is not a number: type it as, for example, {whole} or {decimal}.</source>
        <translation>«{text}» non è un numero: scrivetelo per esempio come {whole} o {decimal}.</translation>
    </message>
    <message>
        <source>Type a number of zero or more.</source>
        <translation>Scrivete un numero pari o superiore a zero.</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>non ancora salvato</translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) changed, not saved yet.</source>
        <translation>
            <numerusform>%n valore modificato, non ancora salvato.</numerusform>
            <numerusform>%n valori modificati, non ancora salvati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) cannot be read: correct the rows marked in red. Nothing was saved.</source>
        <translation>
            <numerusform>%n valore non si legge: correggete la riga in rosso. Non è stato salvato nulla.</numerusform>
            <numerusform>%n valori non si leggono: correggete le righe in rosso. Non è stato salvato nulla.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AddressDialog</name>
    <message>
        <source>Open the page</source>
        <translation>Apri la pagina</translation>
    </message>
    <message>
        <source>This computer could not open the page in a browser. Copy its address and paste it into your browser:</source>
        <translation>Questo computer non è riuscito ad aprire la pagina nel browser. Copiate l&apos;indirizzo e incollatelo nel browser:</translation>
    </message>
    <message>
        <source>Address of the page</source>
        <translation>Indirizzo della pagina</translation>
    </message>
</context>
<context>
    <name>AgentCard</name>
    <message>
        <source>Text written so far</source>
        <translation>Testo scritto finora</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>In attesa</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>In scrittura…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fatto</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Non riuscito</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullato</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Conservato</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Non avviato</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} token</translation>
    </message>
</context>
<context>
    <name>ColoursBinding</name>
    <message>
        <source>Add a colour…</source>
        <translation>Aggiungi un colore…</translation>
    </message>
    <message>
        <source>Change the colour {code}</source>
        <translation>Cambia il colore {code}</translation>
    </message>
    <message>
        <source>Club colour</source>
        <translation>Colore sociale</translation>
    </message>
</context>
<context>
    <name>CopyableDialog</name>
    <message>
        <source>Copy</source>
        <translation>Copia</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiato</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Create your first plan</source>
        <translation>Create il vostro primo piano</translation>
    </message>
    <message>
        <source>Answer the questionnaire about your club: the agents write a three-season strategic plan you can review, edit and export. Everything stays on this computer.</source>
        <translation>Rispondete al questionario sulla vostra società: gli agenti scrivono un piano strategico triennale da rivedere, modificare ed esportare. Tutto resta su questo computer.</translation>
    </message>
    <message>
        <source>Open a club file…</source>
        <translation>Apri un file della società…</translation>
    </message>
    <message>
        <source>Or start from an example club:</source>
        <translation>Oppure partite da una società di esempio:</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>The last action could not be completed; nothing saved was changed.</source>
        <translation>L&apos;ultima operazione non è stata completata; nulla di ciò che era salvato è cambiato.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Qualcosa non ha funzionato</translation>
    </message>
    <message>
        <source>Rooting Future met an unexpected problem. Your saved plans are safe. If it happens again, copy the details and send them by e-mail to {email}.</source>
        <translation>Rooting Future ha incontrato un problema imprevisto. I piani salvati sono al sicuro. Se succede di nuovo, copiate i dettagli e inviateli per e-mail a {email}.</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Mostra i dettagli</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Nascondi i dettagli</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copia i dettagli</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>File di log: {path}</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiato</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export plan</source>
        <translation>Esporta il piano</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>Rapporto di avanzamento</translation>
    </message>
    <message>
        <source>{title} · version {n}</source>
        <translation>{title} · versione {n}</translation>
    </message>
    <message>
        <source>mid-season</source>
        <translation>metà stagione</translation>
    </message>
    <message>
        <source>season end</source>
        <translation>fine stagione</translation>
    </message>
    <message>
        <source>Progress report for the board · {season}, {when}</source>
        <translation>Stato di avanzamento per il direttivo · {season}, {when}</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formati</translation>
    </message>
    <message>
        <source>PDF – the full plan, ready to print</source>
        <translation>PDF – il piano completo, pronto da stampare</translation>
    </message>
    <message>
        <source>Word (DOCX) – editable</source>
        <translation>Word (DOCX) – modificabile</translation>
    </message>
    <message>
        <source>One-page summary (PDF and PNG)</source>
        <translation>Sintesi di una pagina (PDF e PNG)</translation>
    </message>
    <message>
        <source>Web page (HTML)</source>
        <translation>Pagina web (HTML)</translation>
    </message>
    <message>
        <source>ZIP with every format</source>
        <translation>ZIP con tutti i formati</translation>
    </message>
    <message>
        <source>PDF – two pages, ready to send</source>
        <translation>PDF – due pagine, pronto da inviare</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Cartella</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Scegli…</translation>
    </message>
    <message>
        <source>Open the folder when done</source>
        <translation>Apri la cartella al termine</translation>
    </message>
    <message>
        <source>Evaluation mode: every page will carry the watermark &apos;COPIA DI VALUTAZIONE&apos;. Install a licence to export without it.</source>
        <translation>Modalità valutazione: ogni pagina porterà la filigrana «COPIA DI VALUTAZIONE». Installate una licenza per esportare senza filigrana.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Esporta</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>Esporta nella cartella</translation>
    </message>
    <message>
        <source>Exporting… a PDF takes a few seconds.</source>
        <translation>Esportazione in corso… un PDF richiede qualche secondo.</translation>
    </message>
    <message>
        <source>Saved in {folder}:</source>
        <translation>Salvati in {folder}:</translation>
    </message>
    <message>
        <source>The export failed: details are in the log.</source>
        <translation>L&apos;esportazione non è riuscita: i dettagli sono nel log.</translation>
    </message>
</context>
<context>
    <name>FactCard</name>
    <message>
        <source>Accept</source>
        <translation>Accetta</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Scarta</translation>
    </message>
    <message>
        <source>Accept: {fact}</source>
        <translation>Accetta: {fact}</translation>
    </message>
    <message>
        <source>Reject: {fact}</source>
        <translation>Scarta: {fact}</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>non noto</translation>
    </message>
    <message>
        <source>Value: {fact}</source>
        <translation>Valore: {fact}</translation>
    </message>
    <message>
        <source>Type it as you write it, for example {whole} or {decimal}</source>
        <translation>Scrivetelo come lo scrivete di solito, per esempio {whole} o {decimal}</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valore</translation>
    </message>
    <message>
        <source>up to {high} (a new value replaces the range)</source>
        <translation>fino a {high} (un nuovo valore sostituisce l&apos;intervallo)</translation>
    </message>
    <message>
        <source>Deadline: {date}</source>
        <translation>Scadenza: {date}</translation>
    </message>
    <message>
        <source>Value changed by you</source>
        <translation>Valore modificato da voi</translation>
    </message>
    <message>
        <source>Source: {title} · read on {date}</source>
        <translation>Fonte: {title} · letta il {date}</translation>
    </message>
    <message>
        <source>The page says: “{text}”</source>
        <translation>La pagina dice: «{text}»</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accettato</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Scartato</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>Da valutare</translation>
    </message>
</context>
<context>
    <name>FinanceView</name>
    <message>
        <source>Today ({season})</source>
        <translation>Oggi ({season})</translation>
    </message>
    <message>
        <source>Economic-financial plan</source>
        <translation>Piano economico-finanziario</translation>
    </message>
    <message>
        <source>Every figure is computed from your questionnaire and named benchmarks, never by the AI. Point at a figure to see its source. Green: your questionnaire; blue: a public source; amber: an estimate to verify; red: to be collected.</source>
        <translation>Ogni cifra è calcolata dal vostro questionario e da benchmark citati, mai dall&apos;AI. Passate sopra una cifra per vederne la fonte. Verde: il vostro questionario; blu: una fonte pubblica; ambra: una stima da verificare; rosso: dato da acquisire.</translation>
    </message>
    <message>
        <source>This section was not written.</source>
        <translation>Questa sezione non è stata scritta.</translation>
    </message>
    <message>
        <source>Revenue and costs (EUR per year)</source>
        <translation>Entrate e costi (EUR all&apos;anno)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Voce</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Entrate</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Costi</translation>
    </message>
    <message>
        <source>Total revenue</source>
        <translation>Totale entrate</translation>
    </message>
    <message>
        <source>Total costs</source>
        <translation>Totale costi</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Risultato</translation>
    </message>
    <message>
        <source>Scenarios side by side</source>
        <translation>Scenari a confronto</translation>
    </message>
    <message>
        <source>Scenarios side by side (partial: some costs are missing)</source>
        <translation>Scenari a confronto (parziali: mancano dei costi)</translation>
    </message>
    <message>
        <source>Revenue {season}</source>
        <translation>Entrate {season}</translation>
    </message>
    <message>
        <source>Running costs {season}</source>
        <translation>Costi di gestione {season}</translation>
    </message>
    <message>
        <source>Balance {season}</source>
        <translation>Saldo {season}</translation>
    </message>
    <message>
        <source>Cash at the end of {season}</source>
        <translation>Cassa a fine {season}</translation>
    </message>
    <message>
        <source>New funding to find</source>
        <translation>Nuove fonti da cercare</translation>
    </message>
    <message>
        <source>Break-even</source>
        <translation>Pareggio</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Voce</translation>
    </message>
    <message>
        <source>Computed by the finance model from the lines above</source>
        <translation>Calcolato dal modello economico dalle voci sopra</translation>
    </message>
    <message>
        <source>Revenue and costs by season</source>
        <translation>Entrate e costi per stagione</translation>
    </message>
    <message>
        <source>Break-even cannot be judged: {lines} still to be collected.</source>
        <translation>Il pareggio non si può giudicare: mancano ancora {lines}.</translation>
    </message>
    <message>
        <source>Break-even: the result stays positive from today.</source>
        <translation>Pareggio di bilancio: il risultato resta positivo già da oggi.</translation>
    </message>
    <message>
        <source>Break-even: from season {season}.</source>
        <translation>Pareggio di bilancio: dalla stagione {season}.</translation>
    </message>
    <message>
        <source>Break-even: not reached within the plan; see the risks below.</source>
        <translation>Pareggio di bilancio: non raggiunto nel piano; vedete i rischi qui sotto.</translation>
    </message>
    <message>
        <source>Investments by area (EUR)</source>
        <translation>Investimenti per area (EUR)</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Funding sources</source>
        <translation>Fonti di finanziamento</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fonte</translation>
    </message>
    <message>
        <source>What for</source>
        <translation>Per cosa</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importo</translation>
    </message>
    <message>
        <source>secured</source>
        <translation>assicurato</translation>
    </message>
    <message>
        <source>to find</source>
        <translation>da cercare</translation>
    </message>
    <message>
        <source>possible source</source>
        <translation>possibile fonte</translation>
    </message>
    <message>
        <source>Monthly cash flow, season {season} (EUR)</source>
        <translation>Flusso di cassa mensile, stagione {season} (EUR)</translation>
    </message>
    <message>
        <source>Net cash flow by month</source>
        <translation>Flusso di cassa netto per mese</translation>
    </message>
    <message>
        <source>Cash flow</source>
        <translation>Flusso di cassa</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mese</translation>
    </message>
    <message>
        <source>Net cash flow</source>
        <translation>Flusso di cassa netto</translation>
    </message>
    <message>
        <source>Cash at the start of the season: {value} ({source})</source>
        <translation>Cassa a inizio stagione: {value} ({source})</translation>
    </message>
    <message>
        <source>Financial indicators</source>
        <translation>Indicatori finanziari</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicatore</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <source>Commentary</source>
        <translation>Commento</translation>
    </message>
    <message>
        <source>Risks</source>
        <translation>Rischi</translation>
    </message>
</context>
<context>
    <name>GenerationPage</name>
    <message>
        <source>Overall progress</source>
        <translation>Avanzamento complessivo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Retry failed sections</source>
        <translation>Riprova le sezioni non riuscite</translation>
    </message>
    <message>
        <source>Use the offline draft</source>
        <translation>Usa la bozza offline</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Apri le impostazioni</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>Torna all&apos;archivio</translation>
    </message>
    <message>
        <source>Open the plan</source>
        <translation>Apri il piano</translation>
    </message>
    <message>
        <source>Review public sources</source>
        <translation>Valuta le fonti pubbliche</translation>
    </message>
    <message>
        <source>Facts found on public web pages: they enter the plan once you accept them</source>
        <translation>Fatti trovati su pagine web pubbliche: entrano nel piano quando li accettate</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Avvio…</translation>
    </message>
    <message>
        <source>the offline composer</source>
        <translation>il compositore offline</translation>
    </message>
    <message>
        <source>Written by {who}</source>
        <translation>Scritto con {who}</translation>
    </message>
    <message>
        <source>Writing the plan for {club}</source>
        <translation>Scrittura del piano di {club}</translation>
    </message>
    <message>
        <source>Completing the plan for {club}</source>
        <translation>Completamento del piano di {club}</translation>
    </message>
    <message>
        <source>Rewriting a section of {club}</source>
        <translation>Riscrittura di una sezione di {club}</translation>
    </message>
    <message>
        <source>Writing: {agents}</source>
        <translation>In scrittura: {agents}</translation>
    </message>
    <message>
        <source>Waiting for the next agent…</source>
        <translation>In attesa del prossimo agente…</translation>
    </message>
    <message>
        <source>Nothing to complete: every section is there.</source>
        <translation>Niente da completare: ci sono tutte le sezioni.</translation>
    </message>
    <message>
        <source>Nothing was rewritten: the plan is unchanged (version {n}). The reason is on each card.</source>
        <translation>Nessuna sezione è stata riscritta: il piano non è cambiato (versione {n}). Il motivo è scritto su ogni scheda.</translation>
    </message>
    <message>
        <source>Cancelled. The plan is saved with what was finished; &apos;Retry failed sections&apos; completes the rest.</source>
        <translation>Annullato. Il piano è salvato con quanto già finito; «Riprova le sezioni non riuscite» completa il resto.</translation>
    </message>
    <message numerus="yes">
        <source>Saved as version %n, with what was rewritten. Where a section could not be rewritten, its earlier text is kept.</source>
        <translation>
            <numerusform>Salvato come versione %n, con ciò che è stato riscritto. Dove una sezione non è stata riscritta resta il testo precedente.</numerusform>
            <numerusform>Salvato come versione %n, con ciò che è stato riscritto. Dove una sezione non è stata riscritta resta il testo precedente.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The plan is saved, but %n section(s) failed and are marked in the plan. Retry them, or complete them with the offline draft.</source>
        <translation>
            <numerusform>Il piano è salvato, ma %n sezione non è riuscita ed è segnata nel piano. Riprovate, oppure completatela con la bozza offline.</numerusform>
            <numerusform>Il piano è salvato, ma %n sezioni non sono riuscite e sono segnate nel piano. Riprovatele, oppure completatele con la bozza offline.</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: the plan is saved.</source>
        <translation>Fatto: il piano è salvato.</translation>
    </message>
    <message numerus="yes">
        <source>%n fact(s) from public sources to review.</source>
        <translation>
            <numerusform>%n fatto da fonti pubbliche da valutare.</numerusform>
            <numerusform>%n fatti da fonti pubbliche da valutare.</numerusform>
        </translation>
    </message>
    <message>
        <source>Model cost: {cost}.</source>
        <translation>Costo del modello: {cost}.</translation>
    </message>
    <message>
        <source>The plan could not be written.</source>
        <translation>Non è stato possibile scrivere il piano.</translation>
    </message>
    <message>
        <source>Nothing was changed in the plan.</source>
        <translation>Il piano non è stato modificato.</translation>
    </message>
    <message>
        <source>Check the settings, or use the offline draft, which needs no connection.</source>
        <translation>Controllate le impostazioni, oppure usate la bozza offline, che non ha bisogno di connessione.</translation>
    </message>
    <message>
        <source>Use {model} and retry</source>
        <translation>Usa {model} e riprova</translation>
    </message>
    <message>
        <source>Cancelling… the sections already written are kept.</source>
        <translation>Annullamento in corso… le sezioni già scritte vengono conservate.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Version history</source>
        <translation>Cronologia delle versioni</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versione</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Salvata</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Come</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Compare from version</source>
        <translation>Confronta dalla versione</translation>
    </message>
    <message>
        <source>Compare to version</source>
        <translation>Confronta con la versione</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Differenze</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>Ripristina questa versione</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Compare version</source>
        <translation>Confronta la versione</translation>
    </message>
    <message>
        <source>with version</source>
        <translation>con la versione</translation>
    </message>
    <message>
        <source>written by the agents</source>
        <translation>scritta dagli agenti</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>modificata</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importata</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>ripristinata</translation>
    </message>
    <message>
        <source>restored from version {n}</source>
        <translation>ripristinata dalla versione {n}</translation>
    </message>
    <message>
        <source>version {n}</source>
        <translation>versione {n}</translation>
    </message>
    <message>
        <source>Restore version</source>
        <translation>Ripristina la versione</translation>
    </message>
    <message>
        <source>Make version {n} the current one? It is saved as a new version; nothing is lost.</source>
        <translation>Rendere attuale la versione {n}? Viene salvata come nuova versione; non si perde nulla.</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import from spreadsheet</source>
        <translation>Importa da foglio di calcolo</translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) recorded from {file}.</source>
        <translation>
            <numerusform>%n valore registrato da {file}.</numerusform>
            <numerusform>%n valori registrati da {file}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) could not be read and were left out: correct them in the sheet and import it again (the values already recorded stay as they are).</source>
        <translation>
            <numerusform>%n riga non si è potuta leggere ed è stata lasciata fuori: correggetela nel foglio e importatelo di nuovo (i valori già registrati restano come sono).</numerusform>
            <numerusform>%n righe non si sono potute leggere e sono state lasciate fuori: correggetele nel foglio e importatelo di nuovo (i valori già registrati restano come sono).</numerusform>
        </translation>
    </message>
    <message>
        <source>Every row with a value was read.</source>
        <translation>Tutte le righe con un valore sono state lette.</translation>
    </message>
    <message>
        <source>Rows not read</source>
        <translation>Righe non lette</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Club</source>
        <translation>Società</translation>
    </message>
    <message>
        <source>Sport</source>
        <translation>Sport</translation>
    </message>
    <message>
        <source>Seasons</source>
        <translation>Stagioni</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Scritto con</translation>
    </message>
    <message>
        <source>Last edited</source>
        <translation>Ultima modifica</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avanzamento</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Bozza</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approvato</translation>
    </message>
    <message>
        <source>Offline composer</source>
        <translation>Compositore offline</translation>
    </message>
    <message>
        <source>Local model</source>
        <translation>Modello locale</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importato</translation>
    </message>
    <message>
        <source>Version {n}</source>
        <translation>Versione {n}</translation>
    </message>
    <message>
        <source>mid-season</source>
        <translation>metà stagione</translation>
    </message>
    <message>
        <source>season end</source>
        <translation>fine stagione</translation>
    </message>
    <message>
        <source>Indicators at {season}, {when}: {counts}</source>
        <translation>Indicatori {season}, {when}: {counts}</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminato il</translation>
    </message>
    <message>
        <source>The plan&apos;s status at the review of the season running today, from the values measured and the actions&apos; states</source>
        <translation>Lo stato del piano alla rilevazione della stagione in corso, dai valori rilevati e dallo stato delle azioni</translation>
    </message>
    <message>
        <source>Sort by club or by last edit</source>
        <translation>Ordinate per società o per ultima modifica</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>Search clubs, objectives, any text in the plans…</source>
        <translation>Cercate società, obiettivi, qualsiasi testo nei piani…</translation>
    </message>
    <message>
        <source>Search plans</source>
        <translation>Cerca nei piani</translation>
    </message>
    <message>
        <source>Sport</source>
        <translation>Sport</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>Tutti gli stati</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Bozze</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approvato</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Cestino</translation>
    </message>
    <message>
        <source>Empty trash…</source>
        <translation>Svuota il cestino…</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>Nuovo piano</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Piani</translation>
    </message>
    <message>
        <source>Every sport</source>
        <translation>Tutti gli sport</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>Il cestino è vuoto.</translation>
    </message>
    <message>
        <source>No plan matches. Try fewer words or another filter.</source>
        <translation>Nessun piano corrisponde. Provate con meno parole o un altro filtro.</translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s) in the trash</source>
        <translation>
            <numerusform>%n piano nel cestino</numerusform>
            <numerusform>%n piani nel cestino</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s)</source>
        <translation>
            <numerusform>%n piano</numerusform>
            <numerusform>%n piani</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Apri</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Esporta…</translation>
    </message>
    <message>
        <source>New plan from this club&apos;s data…</source>
        <translation>Nuovo piano dai dati di questa società…</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>Sposta nel cestino</translation>
    </message>
    <message>
        <source>Restore from trash</source>
        <translation>Ripristina dal cestino</translation>
    </message>
    <message>
        <source>Delete for ever…</source>
        <translation>Elimina definitivamente…</translation>
    </message>
    <message>
        <source>Delete for ever</source>
        <translation>Elimina definitivamente</translation>
    </message>
    <message>
        <source>Delete the plan of {club} and all its versions for ever? This cannot be undone.</source>
        <translation>Eliminare definitivamente il piano di {club} e tutte le sue versioni? Non si può annullare.</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>Svuota il cestino</translation>
    </message>
    <message>
        <source>Delete every plan in the trash for ever? This cannot be undone.</source>
        <translation>Eliminare definitivamente tutti i piani nel cestino? Non si può annullare.</translation>
    </message>
</context>
<context>
    <name>LicenceDialog</name>
    <message>
        <source>Licence</source>
        <translation>Licenza</translation>
    </message>
    <message>
        <source>This computer&apos;s code (send it to get a licence):</source>
        <translation>Codice di questo computer (da inviare per ottenere una licenza):</translation>
    </message>
    <message>
        <source>Machine code</source>
        <translation>Codice macchina</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copia</translation>
    </message>
    <message>
        <source>Import licence file…</source>
        <translation>Importa file di licenza…</translation>
    </message>
    <message>
        <source>Create activation request…</source>
        <translation>Crea richiesta di attivazione…</translation>
    </message>
    <message>
        <source>Continue in evaluation</source>
        <translation>Continua in valutazione</translation>
    </message>
    <message>
        <source>Licence: {status}</source>
        <translation>Licenza: {status}</translation>
    </message>
    <message>
        <source>Welcome to Rooting Future</source>
        <translation>Benvenuti in Rooting Future</translation>
    </message>
    <message>
        <source>Licences and help: {email} · {website}</source>
        <translation>Licenze e assistenza: {email} · {website}</translation>
    </message>
    <message>
        <source>Licence: {status} – evaluation mode</source>
        <translation>Licenza: {status} – modalità valutazione</translation>
    </message>
    <message>
        <source>not available on this computer</source>
        <translation>non disponibile su questo computer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>To buy a licence, click {request}, send the file it saves by e-mail to {email}, then import the licence file you receive with {import_}.</source>
        <translation>Per acquistare una licenza, fate clic su {request}, inviate per e-mail a {email} il file che viene salvato, poi importate il file di licenza ricevuto con {import_}.</translation>
    </message>
    <message>
        <source>To renew it, click {request}, send the file it saves by e-mail to {email}, then import the new licence file with {import_}.</source>
        <translation>Per rinnovarla, fate clic su {request}, inviate per e-mail a {email} il file che viene salvato, poi importate il nuovo file di licenza con {import_}.</translation>
    </message>
    <message>
        <source>Renew it before {date}: click {request} and send the file it saves by e-mail to {email}.</source>
        <translation>Rinnovatela entro il {date}: fate clic su {request} e inviate per e-mail a {email} il file che viene salvato.</translation>
    </message>
    <message>
        <source>If you moved to another computer or reinstalled the system, click {request} and send the file it saves by e-mail to {email}, saying which computer the licence was on before.</source>
        <translation>Se avete cambiato computer o reinstallato il sistema, fate clic su {request} e inviate per e-mail a {email} il file che viene salvato, indicando su quale computer era installata la licenza.</translation>
    </message>
    <message>
        <source>Import the licence file again, exactly as you received it, with {import_}; if you no longer have it, ask {email} for a copy.</source>
        <translation>Importate di nuovo il file di licenza così come l&apos;avete ricevuto, con {import_}; se non lo avete più, chiedetene una copia a {email}.</translation>
    </message>
    <message>
        <source>Install the latest version of the app from {website}, or ask {email} for a new licence.</source>
        <translation>Installate l&apos;ultima versione dell&apos;app da {website}, oppure chiedete una nuova licenza a {email}.</translation>
    </message>
    <message>
        <source>Import the most recent licence file you received with {import_}; if you cannot find it, ask {email} for a copy.</source>
        <translation>Importate il file di licenza più recente che avete ricevuto con {import_}; se non lo trovate, chiedetene una copia a {email}.</translation>
    </message>
    <message>
        <source>Write to {email} saying which operating system this computer uses: Rooting Future will help you activate the licence.</source>
        <translation>Scrivete a {email} indicando il sistema operativo di questo computer: Rooting Future vi aiuterà ad attivare la licenza.</translation>
    </message>
    <message>
        <source>Restart the app; if it happens again, write to {email}.</source>
        <translation>Riavviate l&apos;app; se succede di nuovo, scrivete a {email}.</translation>
    </message>
    <message>
        <source>Hello, attached is the activation request for Rooting Future. This computer&apos;s code: {code}</source>
        <translation>Buongiorno, in allegato la richiesta di attivazione per Rooting Future. Codice di questo computer: {code}</translation>
    </message>
    <message>
        <source>Rooting Future licence</source>
        <translation>Licenza Rooting Future</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiato</translation>
    </message>
    <message>
        <source>Import licence file</source>
        <translation>Importa il file di licenza</translation>
    </message>
    <message>
        <source>Licence files (*.lic *.txt);;All files (*)</source>
        <translation>File di licenza (*.lic *.txt);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Cannot read the file {path}.</source>
        <translation>Impossibile leggere il file {path}.</translation>
    </message>
    <message>
        <source>Licence not installed: {reason} {step}</source>
        <translation>Licenza non installata: {reason} {step}</translation>
    </message>
    <message>
        <source>Licence installed.</source>
        <translation>Licenza installata.</translation>
    </message>
    <message>
        <source>activation-request.txt</source>
        <translation>richiesta-attivazione.txt</translation>
    </message>
    <message>
        <source>Save activation request</source>
        <translation>Salva la richiesta di attivazione</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>File di testo (*.txt)</translation>
    </message>
    <message>
        <source>Activation request saved as {path}. Attach it to an e-mail to {email}: you will receive a licence file to import here with {import_}.</source>
        <translation>Richiesta di attivazione salvata come {path}. Allegatela a un&apos;e-mail per {email}: riceverete un file di licenza da importare qui con {import_}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Data folder: {path}</source>
        <translation>Cartella dei dati: {path}</translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation>&amp;Nuovo piano…</translation>
    </message>
    <message>
        <source>&amp;Find plans</source>
        <translation>&amp;Cerca piani</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Esporta…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Archivio</translation>
    </message>
    <message>
        <source>Open &amp;club file…</source>
        <translation>Apri file della &amp;società…</translation>
    </message>
    <message>
        <source>&amp;Import plan file…</source>
        <translation>&amp;Importa file di piano…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Impostazioni…</translation>
    </message>
    <message>
        <source>&amp;Licence…</source>
        <translation>&amp;Licenza…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Es&amp;ci</translation>
    </message>
    <message>
        <source>Open &amp;data folder</source>
        <translation>Apri la cartella dei &amp;dati</translation>
    </message>
    <message>
        <source>&amp;About Rooting Future</source>
        <translation>Informazioni su &amp;Rooting Future</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>S&amp;trumenti</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra principale</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Esci</translation>
    </message>
    <message>
        <source>A plan is being written. Stop it and quit? The sections already written are saved.</source>
        <translation>Un piano è in scrittura. Interromperlo e uscire? Le sezioni già scritte vengono salvate.</translation>
    </message>
    <message>
        <source>Open club file</source>
        <translation>Apri file della società</translation>
    </message>
    <message>
        <source>Club files (*.json)</source>
        <translation>File della società (*.json)</translation>
    </message>
    <message>
        <source>Import plan file</source>
        <translation>Importa file di piano</translation>
    </message>
    <message>
        <source>Plan files (*.json)</source>
        <translation>File di piano (*.json)</translation>
    </message>
    <message>
        <source>Imported {club}.</source>
        <translation>{club} importato.</translation>
    </message>
    <message>
        <source>{club}: the file was added as a new version.</source>
        <translation>{club}: il file è stato aggiunto come nuova versione.</translation>
    </message>
    <message>
        <source>Open or select a plan to export it.</source>
        <translation>Aprite o selezionate un piano per esportarlo.</translation>
    </message>
    <message>
        <source>Nothing to save: every change is saved.</source>
        <translation>Niente da salvare: ogni modifica è già salvata.</translation>
    </message>
    <message>
        <source>How to get a licence…</source>
        <translation>Come ottenere una licenza…</translation>
    </message>
    <message>
        <source>What to do…</source>
        <translation>Cosa fare…</translation>
    </message>
    <message>
        <source>Questions: {email}</source>
        <translation>Domande: {email}</translation>
    </message>
    <message>
        <source>About Rooting Future</source>
        <translation>Informazioni su Rooting Future</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rooting Future Desktop&lt;/b&gt; {version}&lt;br&gt;Three-season strategic plans for amateur sports clubs.&lt;br&gt;&lt;br&gt;Data folder: {home}&lt;br&gt;Logs: {logs}</source>
        <translation>&lt;b&gt;Rooting Future Desktop&lt;/b&gt; {version}&lt;br&gt;Piani strategici triennali per società sportive dilettantistiche.&lt;br&gt;&lt;br&gt;Cartella dei dati: {home}&lt;br&gt;Log: {logs}</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Columns of the sheet</source>
        <translation>Colonne del foglio</translation>
    </message>
    <message>
        <source>Objective (code, e.g. SP1)</source>
        <translation>Obiettivo (codice, es. SP1)</translation>
    </message>
    <message>
        <source>Indicator or finance item</source>
        <translation>Indicatore o voce dei conti</translation>
    </message>
    <message>
        <source>Season (e.g. 2026/27)</source>
        <translation>Stagione (es. 2026/27)</translation>
    </message>
    <message>
        <source>Review (mid or end)</source>
        <translation>Rilevazione (metà o fine)</translation>
    </message>
    <message>
        <source>Value measured</source>
        <translation>Valore rilevato</translation>
    </message>
    <message>
        <source>The headers of this sheet (row {row}) are not the usual ones. Say which column holds what: the choice is remembered for sheets with the same headers. Indicator, season and value are needed; without a review column the values count for the season end.</source>
        <translation>Le intestazioni di questo foglio (riga {row}) non sono quelle solite. Indicate quale colonna contiene cosa: la scelta viene ricordata per i fogli con le stesse intestazioni. Servono indicatore, stagione e valore; senza una colonna della rilevazione i valori valgono per la fine stagione.</translation>
    </message>
    <message>
        <source>(not in the sheet)</source>
        <translation>(non c&apos;è nel foglio)</translation>
    </message>
    <message>
        <source>column {n}</source>
        <translation>colonna {n}</translation>
    </message>
    <message>
        <source>{header} (e.g. {example})</source>
        <translation>{header} (es. {example})</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importa</translation>
    </message>
    <message>
        <source>Choose the columns of indicator, season and value.</source>
        <translation>Scegliete le colonne di indicatore, stagione e valore.</translation>
    </message>
    <message>
        <source>Each column can hold only one thing: choose another for the repeat.</source>
        <translation>Ogni colonna può contenere una cosa sola: sceglietene un&apos;altra per quella ripetuta.</translation>
    </message>
</context>
<context>
    <name>MembersBinding</name>
    <message>
        <source>No one</source>
        <translation>Nessuno</translation>
    </message>
    <message>
        <source>No members in the band {band} in either season: writes 0 in its four cells (an empty cell means not known).</source>
        <translation>Nessun tesserato nella fascia {band} in entrambe le stagioni: scrive 0 nelle sue quattro celle (una cella vuota significa dato non noto).</translation>
    </message>
    <message>
        <source>No one: {band}</source>
        <translation>Nessuno: {band}</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Write a note for the board or your team…</source>
        <translation>Scrivete una nota per il consiglio direttivo o per lo staff…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Aggiungi nota</translation>
    </message>
</context>
<context>
    <name>NumberBinding</name>
    <message>
        <source>not known</source>
        <translation>non noto</translation>
    </message>
</context>
<context>
    <name>ObjectiveEditor</name>
    <message>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Chi</translation>
    </message>
    <message>
        <source>By (dd/mm/yyyy)</source>
        <translation>Entro (gg/mm/aaaa)</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicatore</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unità</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <source>Year 1</source>
        <translation>Anno 1</translation>
    </message>
    <message>
        <source>Year 2</source>
        <translation>Anno 2</translation>
    </message>
    <message>
        <source>Year 3</source>
        <translation>Anno 3</translation>
    </message>
    <message>
        <source>How it is measured</source>
        <translation>Come si misura</translation>
    </message>
    <message>
        <source>Numbers you change become your own values and are marked as such; saving creates a new version, the previous one stays in the history.</source>
        <translation>I numeri che cambiate diventano valori vostri e sono indicati come tali; salvare crea una nuova versione, la precedente resta nella cronologia.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Priority (starting year)</source>
        <translation>Priorità (anno di avvio)</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <source>Where the club is today</source>
        <translation>Situazione attuale</translation>
    </message>
    <message>
        <source>Gap to close</source>
        <translation>Divario da colmare</translation>
    </message>
    <message>
        <source>Budget range (EUR)</source>
        <translation>Intervallo di budget (EUR)</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Azioni</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Indicatori</translation>
    </message>
    <message>
        <source>Save as new version</source>
        <translation>Salva come nuova versione</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Today ({season})</source>
        <translation>Oggi ({season})</translation>
    </message>
    <message>
        <source>Editing {code} · {title}</source>
        <translation>Modifica di {code} · {title}</translation>
    </message>
    <message>
        <source>Action {code}: write the date as dd/mm/yyyy.</source>
        <translation>Azione {code}: scrivete la data come gg/mm/aaaa.</translation>
    </message>
    <message>
        <source>{kpi}: &apos;{text}&apos; is not a number.</source>
        <translation>{kpi}: «{text}» non è un numero.</translation>
    </message>
</context>
<context>
    <name>PathDialog</name>
    <message>
        <source>Open folder</source>
        <translation>Apri la cartella</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>Apri il file</translation>
    </message>
    <message>
        <source>This computer could not open the folder in a window. You will find it here:</source>
        <translation>Questo computer non è riuscito ad aprire la cartella in una finestra. La trovate qui:</translation>
    </message>
    <message>
        <source>This computer could not open the file. You will find it here:</source>
        <translation>Questo computer non è riuscito ad aprire il file. Lo trovate qui:</translation>
    </message>
    <message>
        <source>Where it is</source>
        <translation>Dove si trova</translation>
    </message>
</context>
<context>
    <name>PlanPicker</name>
    <message>
        <source>Start from a saved plan</source>
        <translation>Parti da un piano salvato</translation>
    </message>
    <message>
        <source>Search by club or any word…</source>
        <translation>Cercate per società o per qualsiasi parola…</translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <source>Library</source>
        <translation>Archivio</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approva</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Esporta…</translation>
    </message>
    <message>
        <source>Complete failed sections</source>
        <translation>Completa le sezioni mancanti</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avanzamento</translation>
    </message>
    <message>
        <source>How the plan stands season by season: enter or import what was measured</source>
        <translation>Come procede il piano stagione per stagione: inserite o importate i valori rilevati</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sezioni</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifica</translation>
    </message>
    <message>
        <source>Regenerate section</source>
        <translation>Rigenera la sezione</translation>
    </message>
    <message>
        <source>Update the texts from the numbers</source>
        <translation>Aggiorna i testi dai numeri</translation>
    </message>
    <message>
        <source>Rewrites &apos;Current situation&apos; and &apos;Gap&apos; from the indicators&apos; numbers; the current text stays in the version history</source>
        <translation>Riscrive «Situazione attuale» e «Divario» dai numeri degli indicatori; il testo attuale resta nella cronologia delle versioni</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approvato</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Bozza</translation>
    </message>
    <message>
        <source> and </source>
        <translation> e </translation>
    </message>
    <message>
        <source>{title} · version {n} of {when} · written by {who}</source>
        <translation>{title} · versione {n} del {when} · scritto con {who}</translation>
    </message>
    <message>
        <source>Back to draft</source>
        <translation>Torna in bozza</translation>
    </message>
    <message>
        <source>Approved plans are used as examples when writing new plans</source>
        <translation>I piani approvati fanno da esempio quando si scrivono nuovi piani</translation>
    </message>
    <message>
        <source>the offline composer</source>
        <translation>il compositore offline</translation>
    </message>
    <message>
        <source>This section needs to be written again</source>
        <translation>Questa sezione va scritta di nuovo</translation>
    </message>
    <message>
        <source>Edited by you</source>
        <translation>Modificato da voi</translation>
    </message>
    <message>
        <source>Written by {who}</source>
        <translation>Scritto da {who}</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>Sintesi</translation>
    </message>
    <message>
        <source>Club analysis</source>
        <translation>Analisi della società</translation>
    </message>
    <message>
        <source>Financial plan</source>
        <translation>Piano economico-finanziario</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Adempimenti</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoraggio</translation>
    </message>
    <message>
        <source>Public sources ({n} to review)</source>
        <translation>Fonti pubbliche ({n} da valutare)</translation>
    </message>
    <message>
        <source>Public sources ({n})</source>
        <translation>Fonti pubbliche ({n})</translation>
    </message>
    <message>
        <source>Facts found on public web pages: they enter the plan once you accept them</source>
        <translation>Fatti trovati su pagine web pubbliche: entrano nel piano quando li accettate</translation>
    </message>
    <message>
        <source>Data to collect ({n})</source>
        <translation>Dati da acquisire ({n})</translation>
    </message>
    <message>
        <source>Review notes ({n})</source>
        <translation>Note di revisione ({n})</translation>
    </message>
    <message>
        <source>Introduction · {area}</source>
        <translation>Introduzione · {area}</translation>
    </message>
    <message>
        <source>Vision for the three seasons</source>
        <translation>Visione per le tre stagioni</translation>
    </message>
    <message>
        <source>Financial commentary</source>
        <translation>Commento finanziario</translation>
    </message>
    <message>
        <source>edited {code}</source>
        <translation>modificato {code}</translation>
    </message>
    <message>
        <source>texts of {code} updated from the numbers</source>
        <translation>testi di {code} aggiornati dai numeri</translation>
    </message>
    <message>
        <source>edited {section}</source>
        <translation>modificata {section}</translation>
    </message>
    <message>
        <source>Write this section again with the current settings? The summary is refreshed too; the current text stays in the version history.</source>
        <translation>Riscrivere questa sezione con le impostazioni attuali? Anche la sintesi viene aggiornata; il testo attuale resta nella cronologia delle versioni.</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>to do</source>
        <translation>da fare</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fatta</translation>
    </message>
    <message>
        <source>late</source>
        <translation>in ritardo</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>abbandonata</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Piano</translation>
    </message>
    <message>
        <source>Back to the plan</source>
        <translation>Torna al piano</translation>
    </message>
    <message>
        <source>Progress of the plan</source>
        <translation>Avanzamento del piano</translation>
    </message>
    <message>
        <source>Import from spreadsheet…</source>
        <translation>Importa da foglio di calcolo…</translation>
    </message>
    <message>
        <source>Reads a CSV or Excel sheet with one measured value a row: indicator (or finance item), season, value and, when needed, objective and review</source>
        <translation>Legge un foglio CSV o Excel con un valore rilevato per riga: indicatore (o voce dei conti), stagione, valore e, se serve, obiettivo e rilevazione</translation>
    </message>
    <message>
        <source>Report for the board…</source>
        <translation>Rapporto per il direttivo…</translation>
    </message>
    <message>
        <source>The two-page &apos;Stato di avanzamento&apos; for the review shown (PDF, Word): status by area, what is off track with owners and next actions, the finances</source>
        <translation>Lo «Stato di avanzamento» di due pagine per la rilevazione mostrata (PDF, Word): stato per area, ciò che è in ritardo con responsabili e prossime azioni, i conti</translation>
    </message>
    <message>
        <source>Update the plan…</source>
        <translation>Aggiorna il piano…</translation>
    </message>
    <message>
        <source>At season end: the plan takes what was measured as the season&apos;s figures, and what ended off the plan can start its later figures again from it</source>
        <translation>A fine stagione: il piano prende i valori rilevati come cifre della stagione, e ciò che è finito fuori dal piano può far ripartire da lì le cifre successive</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Stagione</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Rilevazione</translation>
    </message>
    <message>
        <source>Mid-season (January)</source>
        <translation>Metà stagione (gennaio)</translation>
    </message>
    <message>
        <source>Season end (June)</source>
        <translation>Fine stagione (giugno)</translation>
    </message>
    <message>
        <source>Status of the plan</source>
        <translation>Stato del piano</translation>
    </message>
    <message>
        <source>Only red</source>
        <translation>Solo in rosso</translation>
    </message>
    <message>
        <source>Show only what is off track, and where it sits</source>
        <translation>Mostra solo ciò che è in ritardo, e dove si trova</translation>
    </message>
    <message>
        <source>Late actions</source>
        <translation>Azioni in ritardo</translation>
    </message>
    <message>
        <source>Show only the actions past their deadline</source>
        <translation>Mostra solo le azioni oltre la scadenza</translation>
    </message>
    <message>
        <source>Each indicator is compared with its target for the season (half-way at mid-season); the small chart shows the three seasons&apos; targets as a line and what was measured as dots.</source>
        <translation>Ogni indicatore è confrontato con il traguardo della stagione (a metà strada a metà stagione); il piccolo grafico mostra i traguardi delle tre stagioni come linea e i valori rilevati come punti.</translation>
    </message>
    <message>
        <source>Area, objective, indicator</source>
        <translation>Area, obiettivo, indicatore</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Measured / expected</source>
        <translation>Rilevato / atteso</translation>
    </message>
    <message>
        <source>Three seasons</source>
        <translation>Tre stagioni</translation>
    </message>
    <message>
        <source>Status by area, objective and indicator</source>
        <translation>Stato per area, obiettivo e indicatore</translation>
    </message>
    <message>
        <source>Enter values</source>
        <translation>Inserisci i valori</translation>
    </message>
    <message>
        <source>{club} · {seasons} · version {n}</source>
        <translation>{club} · {seasons} · versione {n}</translation>
    </message>
    <message>
        <source>Values not saved</source>
        <translation>Valori non salvati</translation>
    </message>
    <message>
        <source>The values typed for {season} are not saved. Save them before showing another review?</source>
        <translation>I valori scritti per {season} non sono salvati. Salvarli prima di mostrare un&apos;altra rilevazione?</translation>
    </message>
    <message>
        <source>Status at {date}</source>
        <translation>Stato al {date}</translation>
    </message>
    <message numerus="yes">
        <source>%n indicator(s)</source>
        <translation>
            <numerusform>%n indicatore</numerusform>
            <numerusform>%n indicatori</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n late action(s)</source>
        <translation>
            <numerusform>%n azione in ritardo</numerusform>
            <numerusform>%n azioni in ritardo</numerusform>
        </translation>
    </message>
    <message>
        <source>Budget spent</source>
        <translation>Budget speso</translation>
    </message>
    <message>
        <source>What the area&apos;s objectives spent so far, against their planned range for the seasons elapsed</source>
        <translation>Quanto hanno speso finora gli obiettivi dell&apos;area, rispetto all&apos;intervallo previsto per le stagioni trascorse</translation>
    </message>
    <message>
        <source>Click to change the state. An action past its deadline, not done and not dropped, counts as late</source>
        <translation>Fate clic per cambiare lo stato. Un&apos;azione oltre la scadenza, non fatta e non abbandonata, conta come in ritardo</translation>
    </message>
    <message>
        <source>Finances of the season</source>
        <translation>Conti della stagione</translation>
    </message>
    <message>
        <source>The season&apos;s accounts against the financial plan&apos;s forecast</source>
        <translation>I conti della stagione rispetto alle previsioni del piano economico-finanziario</translation>
    </message>
    <message>
        <source>{spent} of {planned} planned</source>
        <translation>{spent} su {planned} previsti</translation>
    </message>
    <message>
        <source>to be measured · {planned} planned</source>
        <translation>da rilevare · {planned} previsti</translation>
    </message>
    <message>
        <source>{owner} · by {date}</source>
        <translation>{owner} · entro il {date}</translation>
    </message>
    <message>
        <source>{season}: target {target}, measured {actual}</source>
        <translation>{season}: traguardo {target}, rilevato {actual}</translation>
    </message>
    <message>
        <source>No action is late at this review.</source>
        <translation>Nessuna azione è in ritardo a questa rilevazione.</translation>
    </message>
    <message>
        <source>Nothing is off track at this review.</source>
        <translation>Nulla è in ritardo a questa rilevazione.</translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) recorded.</source>
        <translation>
            <numerusform>%n valore registrato.</numerusform>
            <numerusform>%n valori registrati.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the values typed before leaving?</source>
        <translation>Salvare i valori scritti prima di uscire?</translation>
    </message>
    <message>
        <source>Import from spreadsheet</source>
        <translation>Importa da foglio di calcolo</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>Fogli di calcolo (*.xlsx *.csv);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>The file {name} cannot be opened.</source>
        <translation>Il file {name} non si apre.</translation>
    </message>
    <message>
        <source>The sheet is empty: there is nothing to import.</source>
        <translation>Il foglio è vuoto: non c&apos;è nulla da importare.</translation>
    </message>
</context>
<context>
    <name>RebaseDialog</name>
    <message>
        <source>Update the plan</source>
        <translation>Aggiorna il piano</translation>
    </message>
    <message>
        <source>The new version of the plan shows what was measured at the end of {season} in place of its targets and forecasts, and its finances start again from them. The status of {season} is still judged against the plan as it was.</source>
        <translation>La nuova versione del piano mostra i valori rilevati a fine {season} al posto di traguardi e previsioni, e i conti ripartono da lì. Lo stato di {season} resta giudicato sul piano com&apos;era.</translation>
    </message>
    <message>
        <source>These ended {season} away from the plan. Ticked ones keep their planned steps (growth, for the finances) but start again from what was measured; the others keep their later figures. The history shows every figure that moved.</source>
        <translation>Queste voci hanno chiuso {season} lontano dal piano. Quelle spuntate mantengono i passi previsti (la crescita, per i conti) ma ripartono dal valore rilevato; le altre mantengono le cifre successive. La cronologia mostra ogni cifra che è cambiata.</translation>
    </message>
    <message>
        <source>Nothing ended {season} away from the plan.</source>
        <translation>Nulla ha chiuso {season} lontano dal piano.</translation>
    </message>
    <message>
        <source>Indicator or item</source>
        <translation>Indicatore o voce</translation>
    </message>
    <message>
        <source>Change to the later figures</source>
        <translation>Variazione delle cifre successive</translation>
    </message>
    <message>
        <source>Finances</source>
        <translation>Conti</translation>
    </message>
    <message>
        <source>from the actual</source>
        <translation>dal consuntivo</translation>
    </message>
    <message>
        <source>{share} on the later years</source>
        <translation>{share} sugli anni successivi</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Rilevato</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Obiettivo</translation>
    </message>
</context>
<context>
    <name>ResearchView</name>
    <message>
        <source>Public sources</source>
        <translation>Fonti pubbliche</translation>
    </message>
    <message>
        <source>Facts about the club&apos;s context that Gemini found on public web pages, each with the page it comes from. They are used in the plan only after you accept them: an accepted population becomes the club&apos;s figure, an accepted funding call becomes a funding option of the financial plan, and every accepted fact is cited in the exported documents.</source>
        <translation>Fatti sul contesto della società che Gemini ha trovato su pagine web pubbliche, ciascuno con la pagina da cui proviene. Entrano nel piano solo dopo che li accettate: una popolazione accettata diventa il dato della società, un bando accettato diventa una possibile fonte di finanziamento del piano economico-finanziario e ogni fatto accettato è citato nei documenti esportati.</translation>
    </message>
    <message>
        <source>The search of public sources is switched off: you can switch it on in Settings, under Writing the plan. It applies to the plans written next.</source>
        <translation>La ricerca nelle fonti pubbliche è disattivata: potete attivarla in Impostazioni, scheda Scrittura del piano. Vale per i piani scritti da quel momento.</translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation>Accetta tutti</translation>
    </message>
    <message>
        <source>Save decisions</source>
        <translation>Salva le scelte</translation>
    </message>
    <message>
        <source>Public sources were not searched for this plan.</source>
        <translation>Per questo piano le fonti pubbliche non sono state cercate.</translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>%n da valutare</numerusform>
            <numerusform>%n da valutare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accepted</source>
        <translation>
            <numerusform>%n accettato</numerusform>
            <numerusform>%n accettati</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n scartato</numerusform>
            <numerusform>%n scartati</numerusform>
        </translation>
    </message>
    <message>
        <source>The search found no fact that a public page supports.</source>
        <translation>La ricerca non ha trovato fatti confermati da una pagina pubblica.</translation>
    </message>
    <message numerus="yes">
        <source>%n fact(s) left out because no page supported them.</source>
        <translation>
            <numerusform>%n fatto escluso perché nessuna pagina lo confermava.</numerusform>
            <numerusform>%n fatti esclusi perché nessuna pagina li confermava.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>Non ancora salvato.</translation>
    </message>
    <message>
        <source>The value of “{fact}” is not a number of zero or more: type it as, for example, {whole} or {decimal}, or leave it empty if not known.</source>
        <translation>Il valore di «{fact}» non è un numero pari o superiore a zero: scrivetelo per esempio come {whole} o {decimal}, oppure lasciatelo vuoto se non è noto.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Writing the plan</source>
        <translation>Scrittura del piano</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Lingue</translation>
    </message>
    <message>
        <source>Data and licence</source>
        <translation>Dati e licenza</translation>
    </message>
    <message>
        <source>Offline composer (no internet, instant, by rule)</source>
        <translation>Compositore offline (senza internet, immediato, basato su regole)</translation>
    </message>
    <message>
        <source>Google Gemini (needs an API key and internet)</source>
        <translation>Google Gemini (serve una chiave API e internet)</translation>
    </message>
    <message>
        <source>Local model server (Ollama, LM Studio…)</source>
        <translation>Server di modelli locale (Ollama, LM Studio…)</translation>
    </message>
    <message>
        <source>Gemini</source>
        <translation>Gemini</translation>
    </message>
    <message>
        <source>Gemini API key</source>
        <translation>Chiave API di Gemini</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>Rimuovi la chiave</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Prova la connessione</translation>
    </message>
    <message>
        <source>Gemini model</source>
        <translation>Modello Gemini</translation>
    </message>
    <message>
        <source>default: {model}</source>
        <translation>predefinito: {model}</translation>
    </message>
    <message>
        <source>Thinking level</source>
        <translation>Livello di ragionamento</translation>
    </message>
    <message>
        <source>Default ({level})</source>
        <translation>Predefinito ({level})</translation>
    </message>
    <message>
        <source>minimal (fastest)</source>
        <translation>minimo (più veloce)</translation>
    </message>
    <message>
        <source>low</source>
        <translation>basso</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>medio</translation>
    </message>
    <message>
        <source>high (slowest, costs more)</source>
        <translation>alto (più lento, costa di più)</translation>
    </message>
    <message>
        <source>How much Gemini 3 models think before writing: more is slower and costs more</source>
        <translation>Quanto ragionano i modelli Gemini 3 prima di scrivere: di più è più lento e costa di più</translation>
    </message>
    <message>
        <source>Search public sources (Google Search) for each new plan</source>
        <translation>Cerca nelle fonti pubbliche (Google Search) per ogni nuovo piano</translation>
    </message>
    <message>
        <source>Each search is billed by Google as a grounded request; the facts found are used only after you accept them in the plan.</source>
        <translation>Ogni ricerca è fatturata da Google come richiesta con grounding; i fatti trovati sono usati solo dopo che li accettate nel piano.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Chiave API</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modello</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Ragionamento</translation>
    </message>
    <message>
        <source>Local server</source>
        <translation>Server locale</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>How many agents write at the same time</source>
        <translation>Quanti agenti scrivono contemporaneamente</translation>
    </message>
    <message>
        <source>Paid key (faster)</source>
        <translation>Chiave a pagamento (più veloce)</translation>
    </message>
    <message>
        <source>Free tier (slower, avoids quota errors)</source>
        <translation>Piano gratuito (più lento, evita gli errori di quota)</translation>
    </message>
    <message>
        <source>Reuse identical answers from the AI cache</source>
        <translation>Riusa le risposte identiche dalla cache AI</translation>
    </message>
    <message>
        <source>Clear AI cache</source>
        <translation>Svuota la cache AI</translation>
    </message>
    <message>
        <source>Agents at the same time</source>
        <translation>Agenti in contemporanea</translation>
    </message>
    <message>
        <source>Request pace</source>
        <translation>Ritmo delle richieste</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Come il sistema</translation>
    </message>
    <message>
        <source>A new interface language applies the next time the app starts.</source>
        <translation>La nuova lingua dell&apos;interfaccia vale dal prossimo avvio dell&apos;app.</translation>
    </message>
    <message>
        <source>Language of new plans</source>
        <translation>Lingua dei nuovi piani</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Lingua dell&apos;interfaccia</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Cartella dei dati</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Apri</translation>
    </message>
    <message>
        <source>Choose the data folder…</source>
        <translation>Scegli la cartella dei dati…</translation>
    </message>
    <message>
        <source>Plans, versions, notes and settings live in this folder; logs in its &apos;{logs}&apos; subfolder. To keep them somewhere else (another disk, for example), choose another folder: the app uses it from the next start.</source>
        <translation>Piani, versioni, note e impostazioni stanno in questa cartella; i log nella sottocartella &apos;{logs}&apos;. Per tenerli altrove (per esempio su un altro disco), scegliete un&apos;altra cartella: l&apos;app la userà dal prossimo avvio.</translation>
    </message>
    <message>
        <source>Manage licence…</source>
        <translation>Gestisci la licenza…</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licenza</translation>
    </message>
    <message>
        <source>From the next start the app will use: {folder}</source>
        <translation>Dal prossimo avvio l&apos;app userà: {folder}</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>Scegliete la cartella dei dati</translation>
    </message>
    <message>
        <source>The app cannot save files in {folder}: choose another folder.</source>
        <translation>L&apos;app non può salvare file in {folder}: scegliete un&apos;altra cartella.</translation>
    </message>
    <message>
        <source>From the next start the app will keep its plans in {folder}. The plans in the current folder stay where they are: choose it again to see them. Use the new folder?</source>
        <translation>Dal prossimo avvio l&apos;app terrà i suoi piani in {folder}. I piani della cartella attuale restano dove sono: per rivederli sceglietela di nuovo. Usare la nuova cartella?</translation>
    </message>
    <message>
        <source>The app could not remember this folder: try again in a moment.</source>
        <translation>L&apos;app non è riuscita a memorizzare questa cartella: riprovate tra poco.</translation>
    </message>
    <message>
        <source>No Gemini key</source>
        <translation>Nessuna chiave Gemini</translation>
    </message>
    <message>
        <source>Gemini needs an API key to write plans, and none is set yet: plans cannot be written with Gemini until you add one.

Save anyway? Choose No to go back and paste the key.</source>
        <translation>Gemini ha bisogno di una chiave API per scrivere i piani e non ne è ancora impostata nessuna: finché non la aggiungete, i piani non si possono scrivere con Gemini.

Salvare comunque? Scegliete No per tornare indietro e incollare la chiave.</translation>
    </message>
    <message>
        <source>No key yet. Get one for free at {site} and paste it here: the app keeps it in this computer&apos;s keyring.</source>
        <translation>Nessuna chiave per ora. Ottenetene una gratis su {site} e incollatela qui: l&apos;app la conserva nel portachiavi di questo computer.</translation>
    </message>
    <message>
        <source>A key is stored in the system keyring ({masked}).</source>
        <translation>Una chiave è salvata nel portachiavi di sistema ({masked}).</translation>
    </message>
    <message>
        <source>Type a new key to replace it</source>
        <translation>Scrivete una nuova chiave per sostituirla</translation>
    </message>
    <message>
        <source>Paste your Gemini API key</source>
        <translation>Incollate la vostra chiave API di Gemini</translation>
    </message>
    <message>
        <source>A key is set in the system for this session ({masked}) and takes precedence over a key saved here. To change it, ask whoever set up this computer.</source>
        <translation>Una chiave è impostata nel sistema per questa sessione ({masked}) e prevale su quella salvata qui. Per cambiarla, rivolgetevi a chi ha configurato questo computer.</translation>
    </message>
    <message>
        <source>A key is set in the system for this session ({masked}). A key pasted here is kept in the system keyring and used instead.</source>
        <translation>Una chiave è impostata nel sistema per questa sessione ({masked}). Una chiave incollata qui viene conservata nel portachiavi di sistema e usata al suo posto.</translation>
    </message>
    <message>
        <source>This does not look like an API key: copy it again from aistudio.google.com and paste it here.</source>
        <translation>Questa non sembra una chiave API: copiatela di nuovo da aistudio.google.com e incollatela qui.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connessione in corso…</translation>
    </message>
    <message>
        <source>Connected: {n} models available.</source>
        <translation>Connessione riuscita: {n} modelli disponibili.</translation>
    </message>
    <message>
        <source>Connected, but no model is available to this key.</source>
        <translation>Connessione riuscita, ma nessun modello è disponibile per questa chiave.</translation>
    </message>
    <message>
        <source>The connection test failed.</source>
        <translation>La prova di connessione non è riuscita.</translation>
    </message>
    <message>
        <source>{n} answers removed.</source>
        <translation>{n} risposte rimosse.</translation>
    </message>
</context>
<context>
    <name>TableBinding</name>
    <message>
        <source>Remove selected row</source>
        <translation>Rimuovi la riga selezionata</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message>
        <source>Save as new version</source>
        <translation>Salva come nuova versione</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>WhatIfPanel</name>
    <message>
        <source>Try a scenario</source>
        <translation>Prova uno scenario</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Parti da</translation>
    </message>
    <message>
        <source>Members, change per year</source>
        <translation>Tesserati, variazione annua</translation>
    </message>
    <message>
        <source>Average fee, change per year</source>
        <translation>Quota media, variazione annua</translation>
    </message>
    <message>
        <source>Sponsorship, change per year</source>
        <translation>Sponsorizzazioni, variazione annua</translation>
    </message>
    <message>
        <source>Public grants, change per year</source>
        <translation>Contributi pubblici, variazione annua</translation>
    </message>
    <message>
        <source>Running costs, inflation per year</source>
        <translation>Costi di gestione, inflazione annua</translation>
    </message>
    <message>
        <source>As planned</source>
        <translation>Come previsto</translation>
    </message>
    <message>
        <source>Postponed by one season</source>
        <translation>Rinviati di una stagione</translation>
    </message>
    <message>
        <source>Postponed by two seasons</source>
        <translation>Rinviati di due stagioni</translation>
    </message>
    <message>
        <source>Investments</source>
        <translation>Investimenti</translation>
    </message>
    <message>
        <source>Largest sponsor</source>
        <translation>Primo sponsor</translation>
    </message>
    <message>
        <source>for the facility works</source>
        <translation>per i lavori agli impianti</translation>
    </message>
    <message>
        <source>Fund the facility works with a Credito Sportivo loan</source>
        <translation>Finanziare i lavori agli impianti con un mutuo del Credito Sportivo</translation>
    </message>
    <message>
        <source>Loan rate per year</source>
        <translation>Tasso annuo del mutuo</translation>
    </message>
    <message>
        <source>Ask the Credito Sportivo for your rate</source>
        <translation>Chiedete il vostro tasso al Credito Sportivo</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>tasso</translation>
    </message>
    <message>
        <source>Credito Sportivo loan</source>
        <translation>Mutuo Credito Sportivo</translation>
    </message>
    <message>
        <source>Result of the scenario</source>
        <translation>Risultato dello scenario</translation>
    </message>
    <message>
        <source>Use as the plan&apos;s scenario</source>
        <translation>Usa come scenario del piano</translation>
    </message>
    <message>
        <source>Saves a new version of the plan with these figures; the current one stays</source>
        <translation>Salva una nuova versione del piano con queste cifre; quella attuale resta nella cronologia</translation>
    </message>
    <message>
        <source>Back to the plan&apos;s figures</source>
        <translation>Torna alle cifre del piano</translation>
    </message>
    <message>
        <source>Prudent scenario</source>
        <translation>Scenario prudente</translation>
    </message>
    <message>
        <source>Base scenario</source>
        <translation>Scenario base</translation>
    </message>
    <message>
        <source>Ambitious scenario</source>
        <translation>Scenario ambizioso</translation>
    </message>
    <message>
        <source>The plan&apos;s figures</source>
        <translation>Le cifre del piano</translation>
    </message>
    <message>
        <source>Stays</source>
        <translation>Resta</translation>
    </message>
    <message>
        <source>Lost from {season}</source>
        <translation>Perso dal {season}</translation>
    </message>
    <message>
        <source>Give the largest sponsor&apos;s share in the questionnaire to try this</source>
        <translation>Indicate nel questionario la quota del primo sponsor per provarlo</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Entrate</translation>
    </message>
    <message>
        <source>Running costs</source>
        <translation>Costi di gestione</translation>
    </message>
    <message>
        <source>Loan instalments</source>
        <translation>Rate di mutui e prestiti</translation>
    </message>
    <message>
        <source>Funding secured</source>
        <translation>Contributi assicurati</translation>
    </message>
    <message>
        <source>New loan (assumption)</source>
        <translation>Nuovo mutuo (ipotesi)</translation>
    </message>
    <message>
        <source>Balance of the year</source>
        <translation>Saldo dell&apos;anno</translation>
    </message>
    <message>
        <source>Cash at season end</source>
        <translation>Cassa a fine stagione</translation>
    </message>
    <message>
        <source>New funding to find</source>
        <translation>Nuove fonti da cercare</translation>
    </message>
    <message>
        <source>Break-even cannot be judged: {lines} still to be collected.</source>
        <translation>Il pareggio non si può giudicare: mancano ancora {lines}.</translation>
    </message>
    <message>
        <source>The balance stays positive from {season}.</source>
        <translation>Il saldo resta positivo dal {season}.</translation>
    </message>
    <message>
        <source>The balance does not stay positive within the plan.</source>
        <translation>Il saldo non resta positivo entro il piano.</translation>
    </message>
    <message>
        <source>New funding needed: {amount}.</source>
        <translation>Nuove fonti necessarie: {amount}.</translation>
    </message>
</context>
<context>
    <name>WizardPage</name>
    <message>
        <source>New plan: the questionnaire</source>
        <translation>Nuovo piano: il questionario</translation>
    </message>
    <message>
        <source>Open club file…</source>
        <translation>Apri file della società…</translation>
    </message>
    <message>
        <source>Save club file…</source>
        <translation>Salva file della società…</translation>
    </message>
    <message>
        <source>Start from a saved plan…</source>
        <translation>Parti da un piano salvato…</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Ricomincia</translation>
    </message>
    <message>
        <source>1. Identity</source>
        <translation>1. Identità</translation>
    </message>
    <message>
        <source>2. People</source>
        <translation>2. Persone</translation>
    </message>
    <message>
        <source>4. Finances</source>
        <translation>4. Bilancio</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Passaggi</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Indietro</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Avanti</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Your answers stay saved as a draft</source>
        <translation>Le risposte restano salvate come bozza</translation>
    </message>
    <message>
        <source>Who the club is</source>
        <translation>Chi è la società</translation>
    </message>
    <message>
        <source>These answers appear on the plan&apos;s cover. Fields you leave empty are never invented: the plan lists them as data to collect.</source>
        <translation>Queste risposte compaiono sulla copertina del piano. I campi lasciati vuoti non vengono mai inventati: il piano li elenca come dati da acquisire.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Scegli…</translation>
    </message>
    <message>
        <source>e.g. calcio, pallavolo (the first is the main one)</source>
        <translation>es. calcio, pallavolo (il primo è il principale)</translation>
    </message>
    <message>
        <source>Add a federation or body</source>
        <translation>Aggiungi una federazione o un ente</translation>
    </message>
    <message>
        <source>Choose logo…</source>
        <translation>Scegli il logo…</translation>
    </message>
    <message>
        <source>Members, teams, coaches and volunteers</source>
        <translation>Tesserati, squadre, allenatori e volontari</translation>
    </message>
    <message>
        <source>Count registered members (tesserati) by age and gender. A zero is an answer; an empty cell means you do not know yet.</source>
        <translation>Contate i tesserati per età e genere. Zero è una risposta; una cella vuota significa che il dato non è ancora noto.</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Tesserati</translation>
    </message>
    <message>
        <source>Add a team category</source>
        <translation>Aggiungi una categoria di squadra</translation>
    </message>
    <message>
        <source>Add a qualification</source>
        <translation>Aggiungi una qualifica</translation>
    </message>
    <message>
        <source>One row per facility. The cost is per hour or per year, as you pay it: the plan turns hourly rates into a yearly figure over a 40-week season.</source>
        <translation>Una riga per impianto. Il costo è orario o annuo, come lo pagate: il piano converte le tariffe orarie in una cifra annua su una stagione di 40 settimane.</translation>
    </message>
    <message>
        <source>owned</source>
        <translation>di proprietà</translation>
    </message>
    <message>
        <source>leased</source>
        <translation>in affitto</translation>
    </message>
    <message>
        <source>municipal concession</source>
        <translation>concessione comunale</translation>
    </message>
    <message>
        <source>per hour</source>
        <translation>all&apos;ora</translation>
    </message>
    <message>
        <source>Cost (EUR)</source>
        <translation>Costo (EUR)</translation>
    </message>
    <message>
        <source>Add a facility</source>
        <translation>Aggiungi un impianto</translation>
    </message>
    <message>
        <source>3. Facilities and equipment</source>
        <translation>3. Impianti e attrezzature</translation>
    </message>
    <message>
        <source>5. Goals and problems</source>
        <translation>5. Obiettivi e problemi</translation>
    </message>
    <message>
        <source>6. Vision and SWOT</source>
        <translation>6. Visione e SWOT</translation>
    </message>
    <message>
        <source>7. Review and write</source>
        <translation>7. Verifica e scrittura</translation>
    </message>
    <message>
        <source>FSN – national sports federation</source>
        <translation>FSN – federazione sportiva nazionale</translation>
    </message>
    <message>
        <source>EPS – sports promotion body</source>
        <translation>EPS – ente di promozione sportiva</translation>
    </message>
    <message>
        <source>DSA – associated sports discipline</source>
        <translation>DSA – disciplina sportiva associata</translation>
    </message>
    <message>
        <source>FSP – Paralympic federation</source>
        <translation>FSP – federazione sportiva paralimpica</translation>
    </message>
    <message>
        <source>FSNP – national federation with Paralympic sports</source>
        <translation>FSNP – federazione nazionale con discipline paralimpiche</translation>
    </message>
    <message>
        <source>DSP – Paralympic sports discipline</source>
        <translation>DSP – disciplina sportiva paralimpica</translation>
    </message>
    <message>
        <source>EPP – Paralympic promotion body</source>
        <translation>EPP – ente di promozione paralimpica</translation>
    </message>
    <message>
        <source>Where the club plays and trains, and what it uses</source>
        <translation>Dove la società gioca e si allena, e con che cosa</translation>
    </message>
    <message>
        <source>per year (or season)</source>
        <translation>all&apos;anno (o a stagione)</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>gg/mm/aaaa</translation>
    </message>
    <message>
        <source>For a concession or a lease, write when it expires (e.g. 30/06/2027): the plan times the renewal before that date. Leave it empty for a facility you own.</source>
        <translation>Per una concessione o un affitto, scrivete quando scade (es. 30/06/2027): il piano prevede il rinnovo prima di quella data. Lasciatela vuota per un impianto di proprietà.</translation>
    </message>
    <message>
        <source>Add equipment</source>
        <translation>Aggiungi un&apos;attrezzatura o un mezzo</translation>
    </message>
    <message>
        <source>Only what costs real money to renew: boats, sports wheelchairs, a minibus, the scoreboard. The cost is for one unit, not for all of them. Leave the age or the cost empty if you do not know them.</source>
        <translation>Solo ciò che costa davvero rinnovare: imbarcazioni, carrozzine sportive, un pulmino, il tabellone. Il costo è per una sola unità, non per tutte. Lasciate vuoti l&apos;età o il costo se non li conoscete.</translation>
    </message>
    <message>
        <source>Money in and out, in euro per year</source>
        <translation>Entrate e uscite, in euro all&apos;anno</translation>
    </message>
    <message>
        <source>Use the last approved accounts (rendiconto). The plan&apos;s figures are computed from these answers, never by the AI.</source>
        <translation>Usate l&apos;ultimo rendiconto approvato. Le cifre del piano sono calcolate da queste risposte, mai dall&apos;AI.</translation>
    </message>
    <message>
        <source>A loss carried forward is a negative number</source>
        <translation>Una perdita portata a nuovo si scrive con il segno meno</translation>
    </message>
    <message>
        <source>Add a loan</source>
        <translation>Aggiungi un finanziamento</translation>
    </message>
    <message>
        <source>One row per mortgage or loan: who lent the money and for what (e.g. Credito Sportivo, new changing rooms), the yearly instalment, the year of the last instalment and the debt still to repay.</source>
        <translation>Una riga per mutuo o prestito: chi ha prestato i soldi e per che cosa (es. Credito Sportivo, nuovi spogliatoi), la rata annua, l&apos;anno dell&apos;ultima rata e il debito che resta da pagare.</translation>
    </message>
    <message>
        <source>Add secured funding</source>
        <translation>Aggiungi un contributo assicurato</translation>
    </message>
    <message>
        <source>Only money already granted or pledged for the next three seasons: a call you won, a donor&apos;s pledge, a municipal contribution for the works. Calls you have not won yet stay out: the plan computes how much new funding to look for.</source>
        <translation>Solo denaro già concesso o promesso per le prossime tre stagioni: un bando vinto, l&apos;impegno di un donatore, un contributo del Comune per i lavori. I bandi non ancora vinti restano fuori: il piano calcola quante nuove fonti cercare.</translation>
    </message>
    <message>
        <source>In the board&apos;s own words. Every goal and problem you write here is answered in the plan by an objective, with actions, targets and a budget.</source>
        <translation>Con le parole del direttivo. A ogni obiettivo e a ogni problema che scrivete qui il piano risponde con un obiettivo, con azioni, traguardi e budget.</translation>
    </message>
    <message>
        <source>Add a goal</source>
        <translation>Aggiungi un obiettivo</translation>
    </message>
    <message>
        <source>One sentence per row: what you want to achieve in three seasons (e.g. &quot;replace two boats&quot;). If it has a number, write it as the target with its unit (2, boats). The plan chooses the objective that answers it, unless you choose one.</source>
        <translation>Una frase per riga: che cosa volete ottenere in tre stagioni (es. «rinnovare due imbarcazioni»). Se c&apos;è un numero, scrivetelo come traguardo con la sua unità (2, imbarcazioni). L&apos;obiettivo del piano che risponde lo sceglie il piano, a meno che non lo scegliate voi.</translation>
    </message>
    <message>
        <source>Add a problem</source>
        <translation>Aggiungi un problema</translation>
    </message>
    <message>
        <source>One sentence per row: what holds the club back today (e.g. &quot;the gym is free only three evenings a week&quot;).</source>
        <translation>Una frase per riga: che cosa oggi frena la società (es. «la palestra è libera solo tre sere a settimana»).</translation>
    </message>
    <message>
        <source>Finances</source>
        <translation>Bilancio e finanze</translation>
    </message>
    <message>
        <source>Let the plan choose</source>
        <translation>Lo sceglie il piano</translation>
    </message>
    <message>
        <source>Values, vision and SWOT</source>
        <translation>Valori, visione e SWOT</translation>
    </message>
    <message>
        <source>In your own words: the agents build the plan&apos;s prose on them. One item per line in the lists.</source>
        <translation>Con parole vostre: gli agenti ci costruiscono i testi del piano. Nelle liste, una voce per riga.</translation>
    </message>
    <message>
        <source>Add a stakeholder</source>
        <translation>Aggiungi un portatore di interesse</translation>
    </message>
    <message>
        <source>Review and write the plan</source>
        <translation>Verifica e scrivi il piano</translation>
    </message>
    <message>
        <source>Problems to fix</source>
        <translation>Problemi da correggere</translation>
    </message>
    <message>
        <source>Write the plan</source>
        <translation>Scrivi il piano</translation>
    </message>
    <message>
        <source>Draft saved on {when}.</source>
        <translation>Bozza salvata il {when}.</translation>
    </message>
    <message>
        <source>Clear every answer and start again?</source>
        <translation>Cancellare tutte le risposte e ricominciare?</translation>
    </message>
    <message>
        <source>Copied from the plan {title} and moved on to season {season}: update this season&apos;s members and money before writing.</source>
        <translation>Copiato dal piano {title} e portato alla stagione {season}: aggiornate tesserati ed entrate/uscite di questa stagione prima di scrivere.</translation>
    </message>
    <message>
        <source>Open club file</source>
        <translation>Apri file della società</translation>
    </message>
    <message>
        <source>{name} is not a readable club file ({error}).</source>
        <translation>{name} non è un file della società leggibile ({error}).</translation>
    </message>
    <message>
        <source>{name} does not look like a club file.</source>
        <translation>{name} non sembra un file della società.</translation>
    </message>
    <message>
        <source>Opened from {name}.</source>
        <translation>Aperto da {name}.</translation>
    </message>
    <message>
        <source>Club files (*.json)</source>
        <translation>File della società (*.json)</translation>
    </message>
    <message>
        <source>Save club file</source>
        <translation>Salva file della società</translation>
    </message>
    <message>
        <source>Draft not saved: {error}</source>
        <translation>Bozza non salvata: {error}</translation>
    </message>
    <message>
        <source>Draft saved at {time}</source>
        <translation>Bozza salvata alle {time}</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) need fixing before the plan can be written. Click one to go to it.</source>
        <translation>
            <numerusform>%n risposta va corretta prima di scrivere il piano. Cliccatela per raggiungerla.</numerusform>
            <numerusform>%n risposte vanno corrette prima di scrivere il piano. Cliccatene una per raggiungerla.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to fix</source>
        <translation>
            <numerusform>%n risposta da correggere</numerusform>
            <numerusform>%n risposte da correggere</numerusform>
        </translation>
    </message>
    <message>
        <source>Still to complete</source>
        <translation>Ancora da completare</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Completo</translation>
    </message>
    <message>
        <source>Everything needed is there. The agents will write the plan from these answers; empty answers become data to collect, listed in the plan.</source>
        <translation>C&apos;è tutto il necessario. Gli agenti scriveranno il piano da queste risposte; le risposte vuote diventano dati da acquisire, elencati nel piano.</translation>
    </message>
    <message>
        <source>Total revenue {revenue} EUR · total costs {costs} EUR · result {result} EUR</source>
        <translation>Totale entrate {revenue} EUR · totale costi {costs} EUR · risultato {result} EUR</translation>
    </message>
    <message>
        <source>Total revenue {revenue} EUR · total costs {costs} EUR (facilities from the facilities step: {facilities} EUR) · result {result} EUR</source>
        <translation>Totale entrate {revenue} EUR · totale costi {costs} EUR (impianti dal passo degli impianti: {facilities} EUR) · risultato {result} EUR</translation>
    </message>
    <message>
        <source>Choose logo</source>
        <translation>Scegli il logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.svg)</source>
        <translation>Immagini (*.png *.jpg *.svg)</translation>
    </message>
</context>
</TS>
