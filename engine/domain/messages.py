"""Plain-language validation messages, Italian first and English second.

Keys are pydantic error types and our own rule codes; values are
``str.format`` templates filled from the error's context. Each message says
what is wrong and what to do, because the reader is a club director, not a
developer.

A key ending in ``_one`` is the singular of the same message, used when the count it
names is 1 ("at least one entry", never "at least 1 entries"). ``FIELD_MESSAGES`` words
a message for one field (the path without list positions), where the generic words
could not say what to write: the answers a blank questionnaire still lacks.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # our rules ---------------------------------------------------------------
    "rasd_number_required": (
        "La società risulta iscritta al RASD: indicate il numero di iscrizione.",
        "The club is registered in RASD: enter its registration number.",
    ),
    "rasd_number_unexpected": (
        "C'è un numero RASD ma la società risulta non iscritta: correggete uno dei due campi.",
        "A RASD number is given but the club is marked as not registered: correct one of them.",
    ),
    "season_format": (
        "Scrivete la stagione come due anni consecutivi, per esempio 2025/26 (trovato: {found}).",
        "Write the season as two consecutive years, e.g. 2025/26 (found: {found}).",
    ),
    "founded_after_season": (
        "L'anno di fondazione {found} è successivo alla stagione corrente {season}.",
        "The founding year {found} is after the current season {season}.",
    ),
    "season_not_current": (
        "La stagione {found} è troppo lontana da quella in corso ({current}): indicate la stagione corrente della società.",
        "The season {found} is too far from the current one ({current}): enter the club's current season.",
    ),
    "founded_in_future": (
        "L'anno di fondazione {found} è nel futuro.",
        "The founding year {found} is in the future.",
    ),
    "left_exceeds_last_season": (
        "Gli usciti ({found}) non possono superare i tesserati della stagione scorsa ({limit}): "
        "controllate i due numeri.",
        "Members who left ({found}) cannot exceed last season's members ({limit}): "
        "check both numbers.",
    ),
    "joined_exceeds_current": (
        "I nuovi iscritti ({found}) non possono superare i tesserati attuali ({limit}): "
        "controllate i due numeri.",
        "Members who joined ({found}) cannot exceed this season's members ({limit}): "
        "check both numbers.",
    ),
    "fees_without_workers": (
        "Ci sono compensi per {found} EUR ma zero lavoratori retribuiti: indicate quanti sono.",
        "There are fees of EUR {found} but zero paid workers: enter how many there are.",
    ),
    "facility_cost_unit": (
        "Il costo dell'impianto è in {found} ma con questa base va espresso in {expected}.",
        "The facility cost is in {found} but with this basis it must be in {expected}.",
    ),
    "negative_money": (
        "L'importo deve essere un numero maggiore o uguale a zero (trovato: {found}).",
        "The amount must be a number of zero or more (found: {found}).",
    ),
    "five_per_mille_ssd": (
        "Il 5x1000 spetta alle ASD, non alle SSD: spostate l'importo in 'Altre entrate' o "
        "correggete la forma giuridica.",
        "5x1000 is open to ASDs, not to SSDs: move the amount to 'Other revenue' or correct "
        "the legal form.",
    ),
    "five_per_mille_no_youth": (
        "Il 5x1000 spetta alle ASD che seguono giovani under 18, over 60 o persone con "
        "disabilità, ma i tesserati indicati non ne comprendono: controllate i tesserati, gli "
        "atleti con disabilità o l'importo.",
        "5x1000 is open to ASDs serving under-18s, over-60s or people with disabilities, but "
        "the members given include none: check the members, the athletes with disabilities or "
        "the amount.",
    ),
    "disabled_exceeds_members": (
        "Gli atleti con disabilità ({found}) non possono superare i tesserati della stagione "
        "({limit}): controllate i due numeri.",
        "Athletes with disabilities ({found}) cannot exceed this season's members ({limit}): "
        "check both numbers.",
    ),
    "expiry_on_owned_facility": (
        "Un impianto di proprietà non ha una scadenza: togliete la data o cambiate la "
        "titolarità (concessione o affitto).",
        "An owned facility has no expiry: remove the date or change the ownership (concession "
        "or lease).",
    ),
    "objective_outside_area": (
        "L'obiettivo {found} non risponde a quest'area: scegliete tra {allowed}, oppure "
        "lasciate vuoto e il piano sceglierà l'obiettivo.",
        "Objective {found} does not answer this area: choose one of {allowed}, or leave it "
        "empty and the plan will choose.",
    ),
    "goal_target_unit": (
        "Il traguardo {found} ha bisogno della sua unità (per esempio 'imbarcazioni' o "
        "'tesserati').",
        "The target {found} needs its unit (for example 'boats' or 'members').",
    ),
    "loan_already_ended": (
        "L'ultima rata ({found}) è precedente alla stagione corrente {season}: togliete il "
        "finanziamento o correggete l'anno.",
        "The last instalment ({found}) is before the current season {season}: remove the loan "
        "or correct the year.",
    ),
    "growth_out_of_range": (
        "Una crescita di {found} non è credibile: usate un valore tra -100% e +500%.",
        "A growth of {found} is not credible: use a value between -100% and +500%.",
    ),
    "funding_outside_plan": (
        "L'anno di incasso {found} è fuori dalle tre stagioni del piano ({first}-{last}): "
        "correggete l'anno o togliete la riga.",
        "The year {found} is outside the plan's three seasons ({first}-{last}): correct the "
        "year or remove the row.",
    ),
    "url_scheme": (
        "L'indirizzo della fonte deve iniziare con https:// o http:// (trovato: {found}).",
        "The source's address must start with https:// or http:// (found: {found}).",
    ),
    "range_inverted": (
        "Il valore massimo ({found}) è inferiore al minimo ({minimum}): correggete uno dei due.",
        "The highest value ({found}) is below the lowest ({minimum}): correct one of them.",
    ),
    "budget_range_inverted": (
        "Il massimo del budget ({found}) è inferiore al minimo ({minimum}).",
        "The budget maximum ({found}) is below the minimum ({minimum}).",
    ),
    "targets_count": (
        "Servono esattamente 3 obiettivi annuali (anno 1, 2, 3); trovati {found}.",
        "Exactly 3 yearly targets (year 1, 2, 3) are needed; found {found}.",
    ),
    "code_area_mismatch": (
        "Il codice {found} non appartiene all'area {area}: usate il prefisso {prefix}.",
        "Code {found} does not belong to area {area}: use the prefix {prefix}.",
    ),
    "plan_section_missing": (
        "Manca la sezione «{section_it}»: il piano non è completo. Esportatelo di nuovo dall'app che lo ha scritto.",
        "The section '{section_en}' is missing: the plan is not complete. Export it again from the app that wrote it.",
    ),
    "plan_section_repeated": (
        "La sezione «{section_it}» compare più di una volta: il file non è un piano valido.",
        "The section '{section_en}' appears more than once: the file is not a valid plan.",
    ),
    "plan_section_empty": (
        "La sezione «{section_it}» risulta scritta ma è vuota: il piano non è completo. Esportatelo di nuovo dall'app che lo ha scritto.",
        "The section '{section_en}' is marked as written but is empty: the plan is not complete. Export it again from the app that wrote it.",
    ),
    # our field types -----------------------------------------------------------
    "rf_too_small": (
        "Deve essere almeno {minimum} (trovato: {found}).",
        "Must be at least {minimum} (found: {found}).",
    ),
    "rf_too_large": (
        "Deve essere al massimo {maximum} (trovato: {found}).",
        "Must be at most {maximum} (found: {found}).",
    ),
    "rf_integer_expected": (
        "Serve un numero intero (trovato: {found}).",
        "A whole number is needed (found: {found}).",
    ),
    "rf_number_expected": (
        "Serve un numero, senza simboli né testo (trovato: {found}).",
        "A number is needed, without symbols or text (found: {found}).",
    ),
    "rf_unit_mismatch": (
        "L'unità indicata è {given}, ma questo campo è in {expected}: convertite il valore.",
        "The unit given is {given}, but this field is in {expected}: convert the value.",
    ),
    "rf_reference_required": (
        "Un dato da fonte pubblica o da stima deve citare la fonte (campo 'reference').",
        "A research or estimated value must cite its source (the 'reference' field).",
    ),
    "rf_not_finite": (
        "Serve un numero vero e proprio (trovato: {found}).",
        "A real number is needed (found: {found}).",
    ),
    "rf_control_character": (
        "Il testo contiene un carattere di controllo invisibile ({char}, posizione {position}): cancellatelo e riscrivete il testo a mano.",
        "The text contains an invisible control character ({char}, position {position}): delete it and type the text again.",
    ),
    "rf_line_break": (
        "Il testo deve stare su una sola riga: togliete l'a capo o la tabulazione ({char}, posizione {position}).",
        "The text must fit on one line: remove the line break or tab ({char}, position {position}).",
    ),
    "rf_bidi_control": (
        "Il testo contiene un segno invisibile che cambia la direzione di scrittura ({char}, posizione {position}): cancellatelo, perché può far apparire il testo diverso da com'è.",
        "The text contains an invisible mark that changes the writing direction ({char}, position {position}): delete it, as it can make the text look different from what it is.",
    ),
    "rf_hex_colour": (
        "Scrivete il colore in esadecimale, per esempio #1E40AF (trovato: {found}).",
        "Write the colour in hex, e.g. #1E40AF (found: {found}).",
    ),
    "rf_blank": (
        "Questo campo è vuoto: scrivete la risposta.",
        "This field is empty: type the answer.",
    ),
    "rf_required": (
        "Questo dato è obbligatorio: indicatelo.",
        "This answer is required: fill it in.",
    ),
    "rf_required_choice": (
        "Questo dato è obbligatorio: scegliete tra {expected_it}.",
        "This answer is required: choose one of {expected}.",
    ),
    "rf_province": (
        "Usate la sigla della provincia di due lettere, per esempio MI (trovato: {found}).",
        "Use the two-letter province code, e.g. MI (found: {found}).",
    ),
    # pydantic's own types --------------------------------------------------------
    "missing": ("Campo obbligatorio mancante.", "Required field is missing."),
    "extra_forbidden": (
        "Campo sconosciuto: controllate come è scritto o rimuovetelo.",
        "Unknown field: check its spelling or remove it.",
    ),
    "int_type": (
        "Serve un numero intero (trovato: {found}).",
        "A whole number is needed (found: {found}).",
    ),
    "int_parsing": (
        "Serve un numero intero (trovato: {found}).",
        "A whole number is needed (found: {found}).",
    ),
    "int_from_float": (
        "Serve un numero intero (trovato: {found}).",
        "A whole number is needed (found: {found}).",
    ),
    "int_parsing_size": (
        "Il numero è troppo grande (trovato: {found}).",
        "The number is too large (found: {found}).",
    ),
    "finite_number": (
        "Serve un numero vero e proprio (trovato: {found}).",
        "A real number is needed (found: {found}).",
    ),
    "string_pattern_mismatch": (
        "Il testo non ha il formato atteso (trovato: {found}).",
        "The text does not have the expected form (found: {found}).",
    ),
    "float_type": ("Serve un numero (trovato: {found}).", "A number is needed (found: {found})."),
    "float_parsing": (
        "Serve un numero (trovato: {found}).",
        "A number is needed (found: {found}).",
    ),
    "string_type": ("Serve un testo (trovato: {found}).", "Text is needed (found: {found})."),
    "bool_type": (
        "Serve sì o no (true/false) (trovato: {found}).",
        "Yes or no (true/false) is needed (found: {found}).",
    ),
    "bool_parsing": (
        "Serve sì o no (true/false) (trovato: {found}).",
        "Yes or no (true/false) is needed (found: {found}).",
    ),
    "list_type": ("Serve un elenco (trovato: {found}).", "A list is needed (found: {found})."),
    "model_type": (
        "Serve una sezione con campi (trovato: {found}).",
        "A section with fields is needed (found: {found}).",
    ),
    "model_attributes_type": (
        "Serve una sezione con campi (trovato: {found}).",
        "A section with fields is needed (found: {found}).",
    ),
    "dict_type": (
        "Serve una sezione con campi (trovato: {found}).",
        "A section with fields is needed (found: {found}).",
    ),
    "greater_than_equal": (
        "Deve essere almeno {ge} (trovato: {found}).",
        "Must be at least {ge} (found: {found}).",
    ),
    "greater_than": (
        "Deve essere maggiore di {gt} (trovato: {found}).",
        "Must be greater than {gt} (found: {found}).",
    ),
    "less_than_equal": (
        "Deve essere al massimo {le} (trovato: {found}).",
        "Must be at most {le} (found: {found}).",
    ),
    "less_than": (
        "Deve essere minore di {lt} (trovato: {found}).",
        "Must be less than {lt} (found: {found}).",
    ),
    "string_too_short": (
        "Il testo è troppo corto: servono almeno {min_length} caratteri.",
        "The text is too short: it needs at least {min_length} characters.",
    ),
    "string_too_short_one": (
        "Il testo è troppo corto: serve almeno un carattere.",
        "The text is too short: it needs at least one character.",
    ),
    "string_too_long": (
        "Il testo è troppo lungo: al massimo {max_length} caratteri, accorciatelo.",
        "The text is too long: at most {max_length} characters, shorten it.",
    ),
    "string_too_long_one": (
        "Il testo è troppo lungo: al massimo un carattere, accorciatelo.",
        "The text is too long: at most one character, shorten it.",
    ),
    "too_short": (
        "Servono almeno {min_length} voci: aggiungete quelle che mancano.",
        "At least {min_length} entries are needed: add the missing ones.",
    ),
    "too_short_one": (
        "L'elenco è vuoto: aggiungete almeno una voce.",
        "The list is empty: add at least one entry.",
    ),
    "too_long": (
        "Sono ammesse al massimo {max_length} voci: togliete quelle in più.",
        "At most {max_length} entries are allowed: remove the extra ones.",
    ),
    "too_long_one": (
        "È ammessa una sola voce: togliete le altre.",
        "Only one entry is allowed: remove the others.",
    ),
    "enum": (
        "Il valore {found} non è ammesso: scegliete tra {expected_it}.",
        "The value {found} is not allowed: choose one of {expected}.",
    ),
    "literal_error": (
        "Il valore {found} non è ammesso: il valore atteso è {expected_it}.",
        "The value {found} is not allowed: the expected value is {expected}.",
    ),
    "date_type": (
        "Serve una data nel formato AAAA-MM-GG (trovato: {found}).",
        "A date in the form YYYY-MM-DD is needed (found: {found}).",
    ),
    "date_parsing": (
        "Serve una data nel formato AAAA-MM-GG (trovato: {found}).",
        "A date in the form YYYY-MM-DD is needed (found: {found}).",
    ),
    "date_from_datetime_parsing": (
        "Serve una data nel formato AAAA-MM-GG (trovato: {found}).",
        "A date in the form YYYY-MM-DD is needed (found: {found}).",
    ),
    "date_from_datetime_inexact": (  # a number read as a timestamp with a time of day
        "Serve una data nel formato AAAA-MM-GG (trovato: {found}).",
        "A date in the form YYYY-MM-DD is needed (found: {found}).",
    ),
    "datetime_type": (
        "Serve data e ora in formato ISO (trovato: {found}).",
        "An ISO date and time is needed (found: {found}).",
    ),
    "datetime_parsing": (
        "Serve data e ora in formato ISO (trovato: {found}).",
        "An ISO date and time is needed (found: {found}).",
    ),
    "json_invalid": (
        "Il file non è un JSON valido: {error}. Apritelo con un editor di testo e correggete il punto indicato.",
        "The file is not valid JSON: {error}. Open it in a text editor and fix the place shown.",
    ),
    "json_too_deep": (
        "Il file ha più di {limit} livelli di parentesi annidate: è troppo annidato per essere un file di società o di piano. Controllate di aver scelto il file giusto.",
        "The file has more than {limit} levels of nested brackets: it is nested too deeply to be a club or plan file. Check that you chose the right file.",
    ),
    "json_type": ("Il file deve contenere un oggetto JSON.", "The file must hold a JSON object."),
    "file_unreadable": (
        "Impossibile leggere il file {found}: {error}.",
        "Cannot read the file {found}: {error}.",
    ),
    "file_encoding": (
        "Il file {found} non è in UTF-8: salvatelo di nuovo come UTF-8.",
        "The file {found} is not UTF-8: save it again as UTF-8.",
    ),
}

FIELD_MESSAGES: dict[tuple[str, str], tuple[str, str]] = {
    ("rf_blank", "identity.name"): (
        "Il nome della società è vuoto: scrivetelo come compare nello statuto.",
        "The club's name is empty: type it as it appears in the statute.",
    ),
    ("rf_blank", "identity.city"): (
        "Il comune è vuoto: scrivete quello della sede della società.",
        "The town is empty: type the town where the club is based.",
    ),
    ("rf_blank", "identity.province"): (
        "La provincia è vuota: scrivetene la sigla di due lettere, per esempio MI.",
        "The province is empty: type its two-letter code, e.g. MI.",
    ),
    ("rf_required_choice", "identity.region"): (
        "Manca la regione: indicate quella della sede della società, per esempio Lombardia.",
        "The region is missing: give the region where the club is based, e.g. Lombardia.",
    ),
    ("rf_required", "identity.year_founded"): (
        "Manca l'anno di fondazione: scrivetelo con quattro cifre, per esempio 1975.",
        "The year founded is missing: type it with four digits, e.g. 1975.",
    ),
    ("too_short", "identity.sports"): (
        "Manca lo sport: scrivete almeno uno sport praticato (il primo è il principale).",
        "The sport is missing: type at least one sport the club practises (the first is the "
        "main one).",
    ),
    ("too_short", "identity.affiliations"): (
        "Manca l'affiliazione: aggiungete almeno una federazione o un ente.",
        "The affiliation is missing: add at least one federation or body.",
    ),
    ("too_short", "identity.colours"): (
        "Manca il colore sociale: indicatene almeno uno, per esempio #1E40AF.",
        "The club colour is missing: give at least one, e.g. #1E40AF.",
    ),
}

FALLBACK = ("Valore non valido: {detail}.", "Invalid value: {detail}.")
