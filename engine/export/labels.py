"""Every word the exports print, in Italian and English, in one table.

The plan's language picks the column. Keeping the words here (not in the
templates or the DOCX writer) means the PDF, the DOCX and the one-pager say
exactly the same thing.
"""

from __future__ import annotations

from engine.domain.language import Language

_TEXT: dict[str, tuple[str, str]] = {
    # document
    "plan_title": ("Piano strategico triennale", "Three-season strategic plan"),
    "onepager_title": ("Il piano in una pagina", "The plan on one page"),
    "toc": ("Indice", "Contents"),
    "page": ("Pagina", "Page"),
    "of": ("di", "of"),
    "version": ("Versione", "Version"),
    "generated_on": ("Generato il", "Generated on"),
    "seasons": ("Stagioni", "Seasons"),
    "made_with": ("Realizzato con Rooting Future", "Made with Rooting Future"),
    "watermark": ("COPIA DI VALUTAZIONE", "EVALUATION COPY"),
    "watermark_note": (
        "Copia di valutazione: Rooting Future non è attivato su questo computer.",
        "Evaluation copy: Rooting Future is not activated on this computer.",
    ),
    "offline_draft": (
        "Bozza scritta senza intelligenza artificiale (compositore offline): rileggetela e "
        "completatela prima di presentarla.",
        "Draft written without AI (offline composer): review and complete it before presenting it.",
    ),
    # sections
    "sec_summary": ("Sintesi", "Executive summary"),
    "sec_analysis": ("Analisi della società", "Club analysis"),
    "sec_finance": ("Piano economico-finanziario", "Financial plan"),
    "sec_compliance": ("Adempimenti della riforma dello sport", "Compliance checklist"),
    "sec_monitoring": ("Monitoraggio", "Monitoring"),
    "sec_methodology": ("Metodologia e fonti", "Methodology and sources"),
    "sec_gaps": ("Dati da acquisire", "Data to be collected"),
    "area_sports": ("Area sportiva", "Sports area"),
    "area_infrastructure": ("Area strutturale", "Infrastructure area"),
    "area_marketing": ("Area marketing", "Marketing area"),
    "area_social": ("Area sociale", "Social area"),
    "area_sports_short": ("Sportiva", "Sports"),
    "area_infrastructure_short": ("Strutturale", "Infrastructure"),
    "area_marketing_short": ("Marketing", "Marketing"),
    "area_social_short": ("Sociale", "Social"),
    # honest lines for empty or failed content
    "not_generated": (
        "Sezione non generata: usate «Rigenera» per completarla.",
        "Section not generated: use 'Regenerate' to complete it.",
    ),
    "failed": (
        "La generazione di questa sezione non è riuscita: usate «Rigenera» per riprovare.",
        "Generating this section failed: use 'Regenerate' to try again.",
    ),
    "failed_reason": ("Motivo", "Reason"),
    "edited": (
        "Sezione modificata da voi dopo la generazione.",
        "Section edited by you after generation.",
    ),
    "part_not_generated": (
        "{what}: non generato, usate «Rigenera» per completarlo.",
        "{what}: not generated, use 'Regenerate' to complete it.",
    ),
    "no_objectives": (
        "Nessun obiettivo generato per quest'area: usate «Rigenera» per completarla.",
        "No objectives generated for this area: use 'Regenerate' to complete it.",
    ),
    "objectives_missing": (
        "Obiettivi non ancora generati in quest'area: {codes}. Usate «Rigenera» per completarla.",
        "Objectives not yet generated in this area: {codes}. Use 'Regenerate' to complete it.",
    ),
    "no_actions": (
        "Nessuna azione indicata per questo obiettivo.",
        "No actions for this objective.",
    ),
    "no_kpis": ("Nessun indicatore indicato per questo obiettivo.", "No KPIs for this objective."),
    "none_listed": (
        "Nessuna voce indicata dal questionario.",
        "Nothing given in the questionnaire.",
    ),
    "no_gaps": (
        "Nessun dato mancante: tutte le risposte necessarie sono presenti.",
        "No missing data: every answer the plan needs is present.",
    ),
    # summary
    "vision": ("Visione a tre anni", "Three-year vision"),
    "area_overview": ("Le quattro aree in breve", "The four areas in brief"),
    "priorities": ("Le 5 priorità", "Top 5 priorities"),
    "quick_wins": ("Risultati rapidi (entro 6 mesi)", "Quick wins (within 6 months)"),
    "roadmap": ("Tabella di marcia", "Roadmap"),
    "year_n": ("Anno {n}", "Year {n}"),
    "headline_kpis": ("Indicatori chiave", "Headline KPIs"),
    "code": ("Codice", "Code"),
    "title": ("Titolo", "Title"),
    "reason": ("Motivo", "Reason"),
    # analysis
    "identity": ("Identità", "Identity"),
    "legal_form": ("Forma giuridica", "Legal form"),
    "rasd": ("Registro RASD", "RASD registry"),
    "rasd_yes": ("iscritta, n. {number}", "registered, no. {number}"),
    "rasd_no": ("non iscritta", "not registered"),
    "seat": ("Sede", "Location"),
    "population": ("Abitanti del comune", "Municipality population"),
    "sports": ("Sport", "Sports"),
    "affiliations": ("Affiliazioni", "Affiliations"),
    "founded": ("Anno di fondazione", "Year founded"),
    "values": ("Valori", "Values"),
    "mission": ("Missione", "Mission"),
    "club_vision": ("Visione", "Vision"),
    "analysis_summary": ("Lettura della situazione", "Reading of the situation"),
    "members": ("Tesserati per fascia d'età", "Members by age group"),
    "age_band": ("Fascia", "Age group"),
    "male": ("M", "M"),
    "female": ("F", "F"),
    "total": ("Totale", "Total"),
    "flows": ("Ingressi e uscite", "Joining and leaving"),
    "teams": ("Squadre", "Teams"),
    "category": ("Categoria", "Category"),
    "league": ("Campionato", "League"),
    "count": ("Numero", "Number"),
    "coaches": ("Allenatori per qualifica", "Coaches by qualification"),
    "qualification": ("Qualifica", "Qualification"),
    "people_work": ("Lavoro e volontariato", "Paid work and volunteering"),
    "facilities": ("Impianti", "Facilities"),
    "facility": ("Impianto", "Facility"),
    "kind": ("Tipo", "Kind"),
    "ownership": ("Titolarità", "Ownership"),
    "hours_week": ("Ore/settimana", "Hours/week"),
    "cost": ("Costo", "Cost"),
    "owned": ("di proprietà", "owned"),
    "leased": ("in affitto", "leased"),
    "municipal_concession": ("concessione comunale", "municipal concession"),
    "club_finances": ("Bilancio dell'ultima stagione", "Last season's accounts"),
    "revenue": ("Entrate", "Revenue"),
    "costs": ("Costi", "Costs"),
    "item": ("Voce", "Item"),
    "amount": ("Importo", "Amount"),
    "balance": ("Situazione patrimoniale", "Balance sheet"),
    "swot": ("Analisi SWOT", "SWOT analysis"),
    "strengths": ("Punti di forza", "Strengths"),
    "weaknesses": ("Punti di debolezza", "Weaknesses"),
    "opportunities": ("Opportunità", "Opportunities"),
    "threats": ("Minacce", "Threats"),
    "swot_from_questionnaire": (
        "Dal vostro questionario (l'analisi non ha proposto una SWOT propria).",
        "From your questionnaire (the analysis proposed no SWOT of its own).",
    ),
    "stakeholders": ("Portatori di interesse", "Stakeholders"),
    "importance": ("Importanza (1-5)", "Importance (1-5)"),
    "competitors": ("Principali concorrenti", "Main competitors"),
    "notes": ("Note del consiglio", "Board notes"),
    # objectives
    "objectives_count": ("{n} obiettivi MACRO", "{n} MACRO objectives"),
    "priority": ("Priorità", "Priority"),
    "priority_year": ("avvio nell'anno {n} ({season})", "starts in year {n} ({season})"),
    "budget": ("Budget", "Budget"),
    "objective": ("Obiettivo", "Objective"),
    "baseline_text": ("Situazione attuale", "Current situation"),
    "answers": ("Risponde a", "Answers"),
    "proposed_by_model": ("azione proposta dal modello AI", "action proposed by the AI model"),
    "gap": ("Divario da colmare", "Gap to close"),
    "actions": ("Azioni", "Actions"),
    "action": ("Azione", "Action"),
    "owner": ("Responsabile", "Owner"),
    "deadline": ("Scadenza", "Deadline"),
    "kpis": ("Indicatori", "KPIs"),
    "kpi": ("Indicatore", "Indicator"),
    "unit": ("Unità", "Unit"),
    "baseline": ("Partenza", "Baseline"),
    "provenance": ("Provenienza", "Provenance"),
    "measured_by": ("Come si misura", "How it is measured"),
    # finance
    "finance_table": (
        "Conto economico: consuntivo e previsione",
        "Income statement: actuals and forecast",
    ),
    "year0": ("Anno 0", "Year 0"),
    "actual": ("consuntivo", "actual"),
    "revenue_total": ("Totale entrate", "Total revenue"),
    "cost_total": ("Totale costi", "Total costs"),
    "result": ("Risultato (entrate - costi)", "Result (revenue - costs)"),
    "sum_of_rows": ("somma delle voci", "sum of the items"),
    "partial_total": (
        "* Totale parziale: {n} valori sono da acquisire e non sono sommati.",
        "* Partial total: {n} values are still to be collected and are not added.",
    ),
    "no_finance_lines": (
        "Il piano non contiene voci di entrata e di costo.",
        "The plan contains no revenue or cost items.",
    ),
    "no_cost_lines": (
        "Il piano non contiene ancora voci di costo: il risultato non è calcolabile.",
        "The plan contains no cost items yet: the result cannot be computed.",
    ),
    "investments": ("Investimenti per area", "Investments by area"),
    "funding": ("Fonti di finanziamento", "Funding sources"),
    "source_name": ("Fonte", "Source"),
    "detail": ("Dettaglio", "Detail"),
    "break_even": ("Pareggio di bilancio", "Break-even"),
    "break_even_year": (
        "Il piano prevede il pareggio di bilancio nell'anno {n} ({season}).",
        "The plan expects to break even in year {n} ({season}).",
    ),
    "break_even_now": (
        "Il piano considera il bilancio già in pareggio nell'anno 0 ({season}).",
        "The plan considers the accounts already balanced in year 0 ({season}).",
    ),
    "break_even_none": (
        "Entro le tre stagioni il saldo dopo investimenti, rate e contributi non resta positivo: "
        "vedete le fonti da cercare e gli scenari.",
        "Within the three seasons the balance after investments, instalments and funding does "
        "not stay positive: see the funding to find and the scenarios.",
    ),
    "break_even_unknown": (
        "Il pareggio non si può giudicare finché mancano questi costi: {lines}.",
        "Break-even cannot be judged while these costs are missing: {lines}.",
    ),
    "instalment": ("rata annua", "yearly instalment"),
    "ranges_note": (
        "Un intervallo (1.400–4.200 €) è una stima da benchmark; i totali e i risultati ne "
        "portano gli estremi, e le conclusioni leggono quello prudente.",
        "A range (€1,400–4,200) is a benchmark estimate; totals and results carry both ends, "
        "and conclusions read the prudent one.",
    ),
    "scenarios": ("Scenari a confronto", "Scenarios side by side"),
    "scenarios_intro": (
        "Lo stesso modello con ipotesi diverse: il base segue gli obiettivi del piano, il "
        "prudente e l'ambizioso seguono regole dichiarate. Nessun altro dato cambia.",
        "The same model under different assumptions: the base follows the plan's objectives, "
        "the prudent and ambitious ones follow stated rules. No other figure changes.",
    ),
    "scenarios_partial": (
        "Cifre parziali: mancano {lines}, contati zero in ogni scenario.",
        "Partial figures: {lines} missing, counted as zero in every scenario.",
    ),
    "scenario_revenue": ("Entrate {season}", "Revenue {season}"),
    "scenario_costs": ("Costi di gestione {season}", "Running costs {season}"),
    "scenario_balance": ("Saldo {season}", "Balance {season}"),
    "scenario_cash": ("Cassa a fine {season}", "Cash at the end of {season}"),
    "scenario_to_seek": ("Nuove fonti da cercare", "New funding to find"),
    "scenario_assumes": ("Ipotesi", "Assumptions"),
    "scenario_chosen": (
        "Le tabelle del piano seguono lo scenario «{name}».",
        "The plan's tables follow the “{name}” scenario.",
    ),
    "drv_growth": ("in tre stagioni: {changes}", "over three seasons: {changes}"),
    "drv_members": ("tesserati {value}", "members {value}"),
    "drv_fee": ("quota media {value}", "average fee {value}"),
    "drv_sponsorship": ("sponsor {value}", "sponsorship {value}"),
    "drv_grants": ("contributi {value}", "grants {value}"),
    "drv_inflation": ("costi {value} l'anno", "costs {value} a year"),
    "drv_lost": ("perso il primo sponsor dal {season}", "main sponsor lost from {season}"),
    "drv_delay": ("investimenti rinviati di {n} stagioni", "investments postponed {n} seasons"),
    "drv_loan": (
        "mutuo del Credito Sportivo per gli impianti",
        "Credito Sportivo loan for facilities",
    ),
    "funding_committed": ("assicurato", "secured"),
    "funding_to_seek": ("da cercare", "to find"),
    "funding_option": ("possibile fonte", "possible source"),
    "cash_flow": ("Flusso di cassa mensile dell'anno 1", "Monthly cash flow of year 1"),
    "month": ("Mese", "Month"),
    "month_n": ("Mese {n}", "Month {n}"),
    "month_short": ("M{n}", "M{n}"),
    "cash_flow_note": (
        "Mese 1 = primo mese della stagione {season}.",
        "Month 1 = first month of the {season} season.",
    ),
    "finance_kpis": ("Indicatori economici", "Financial KPIs"),
    "risks": ("Rischi", "Risks"),
    "budget_by_area": ("Budget degli obiettivi per area", "Objective budgets by area"),
    "objectives": ("Obiettivi", "Objectives"),
    "budget_min": ("Budget minimo", "Minimum budget"),
    "budget_max": ("Budget massimo", "Maximum budget"),
    "budget_total": ("Totale tre anni", "Three-year total"),
    "budget_note": (
        "I budget sono intervalli (minimo-massimo), mai una cifra unica: la somma dei minimi e "
        "dei massimi dà l'intervallo complessivo.",
        "Budgets are ranges (minimum-maximum), never a single figure: adding the minimums and "
        "the maximums gives the overall range.",
    ),
    "chart_finance": ("Entrate e costi per anno", "Revenue and costs by year"),
    "chart_revenue_mix": ("Entrate per voce", "Revenue by item"),
    "chart_budget": (
        "Budget degli obiettivi per area (minimo e massimo)",
        "Objective budgets by area (minimum and maximum)",
    ),
    "chart_investments": ("Investimenti per area e anno", "Investments by area and year"),
    "chart_cash": (
        "Flusso di cassa mensile e saldo cumulato, anno 1",
        "Monthly cash flow and running balance, year 1",
    ),
    "series_revenue": ("Entrate", "Revenue"),
    "series_costs": ("Costi", "Costs"),
    "series_min": ("Minimo", "Minimum"),
    "series_max": ("Massimo", "Maximum"),
    "series_month": ("Flusso del mese", "Monthly flow"),
    "cash_opening": (
        "Il saldo parte dalle riserve dichiarate nel questionario ({amount}).",
        "The balance starts from the reserves declared in the questionnaire ({amount}).",
    ),
    "series_cumulative": ("Saldo cumulato", "Running balance"),
    "chart_estimates": (
        "Le colonne chiare sono stime da verificare.",
        "Light bars are estimates to verify.",
    ),
    "values_from": ("Valori", "Values"),
    # compliance
    "compliance_status": ("Stato", "Status"),
    "requirement": ("Adempimento", "Requirement"),
    "reference": ("Riferimento", "Reference"),
    "status_ok": ("in regola", "in order"),
    "status_to_do": ("da fare", "to do"),
    "status_to_check": ("da verificare", "to check"),
    "status_not_applicable": ("non applicabile", "not applicable"),
    # monitoring
    "calendar": ("Calendario delle revisioni", "Review calendar"),
    "date": ("Data", "Date"),
    "what": ("Cosa", "What"),
    "traffic_light": ("Semaforo degli indicatori", "KPI traffic light"),
    "light_green": ("Verde", "Green"),
    "light_amber": ("Giallo", "Amber"),
    "light_red": ("Rosso", "Red"),
    "light_green_text": (
        "l'indicatore è in linea con l'obiettivo dell'anno.",
        "the indicator is on track for the year's target.",
    ),
    "light_amber_text": (
        "c'è uno scostamento che si può recuperare entro la revisione successiva.",
        "there is a shortfall that can be recovered by the next review.",
    ),
    "light_red_text": (
        "l'obiettivo dell'anno è a rischio: serve una decisione del consiglio direttivo.",
        "the year's target is at risk: the board needs to decide.",
    ),
    "traffic_light_intro": (
        "A ogni revisione del calendario, il responsabile assegna a ciascun indicatore un "
        "colore confrontando il valore misurato con l'obiettivo dell'anno:",
        "At each review in the calendar, the owner gives each indicator a colour by comparing "
        "the measured value with the year's target:",
    ),
    "kpis_to_track": ("Indicatori da seguire", "KPIs to track"),
    # methodology
    "how_made": ("Come è stato scritto il piano", "How the plan was written"),
    "provider": ("Motore di scrittura", "Writing engine"),
    "model": ("Modello", "Model"),
    "generated_at": ("Data di generazione", "Generated on"),
    "method_text": (
        "I numeri del piano vengono dal vostro questionario, da fonti pubbliche citate o da "
        "stime calcolate su benchmark dichiarati; i conti sono calcolati dal programma, mai "
        "dal modello linguistico. Accanto a ogni numero trovate la sua provenienza.",
        "The plan's numbers come from your questionnaire, from cited public sources or from "
        "estimates computed on named benchmarks; the sums are computed by the program, never "
        "by the language model. Each number shows where it comes from.",
    ),
    "legend": ("Legenda della provenienza dei dati", "Data provenance legend"),
    "legend_questionnaire": (
        "dal vostro questionario: il dato che la società ha inserito.",
        "from your questionnaire: the figure the club entered.",
    ),
    "legend_edited": (
        "modificato da voi: un numero che avete corretto nel piano (la data è nel dettaglio).",
        "edited by you: a figure you corrected in the plan (the date is in the detail).",
    ),
    "legend_research": (
        "da fonte pubblica: un dato pubblicato, con il riferimento indicato.",
        "from a public source: a published figure, with its reference.",
    ),
    "legend_estimate": (
        "stima da benchmark - da verificare: calcolata da un benchmark di settore, indicato per "
        "nome; è un ordine di grandezza, da confermare con i vostri dati.",
        "estimate from a benchmark - to verify: computed from a named sector benchmark; an "
        "order of magnitude to confirm with your own data.",
    ),
    "legend_missing": (
        "dato da acquisire: il dato manca e non è stato inventato; è elencato nell'appendice "
        "dei dati da acquisire.",
        "to be collected: the figure is missing and was not invented; it is listed in the "
        "data-to-be-collected appendix.",
    ),
    "badge_questionnaire": ("questionario", "questionnaire"),
    "badge_edited": ("modificato da voi", "edited by you"),
    "badge_derived": ("calcolato dai vostri dati", "calculated from your data"),
    "badge_actual": ("consuntivo", "actual"),  # a closed season's figure, as recorded
    "closed_season": ("consuntivo", "actual"),  # a closed season's column heading
    "legend_derived": (
        "calcolato dai vostri dati: un totale o un tasso ricavato dalle risposte del "
        "questionario (per esempio il tasso di permanenza dai tesserati e dagli usciti).",
        "calculated from your data: a total or a rate derived from the questionnaire's answers "
        "(for example retention from members and leavers).",
    ),
    "badge_research": ("fonte: {ref}", "source: {ref}"),
    "badge_estimate": ("stima: {ref}", "estimate: {ref}"),
    "badge_missing": ("da acquisire", "to be collected"),
    "badge_sum": ("somma", "sum"),
    "legend_sum": (
        "somma: totale calcolato dal programma sulle voci della tabella; ha la provenienza "
        "delle voci sommate.",
        "sum: a total the program computed from the table's items; it carries the provenance "
        "of the items added.",
    ),
    "in_table": ("Provenienza di tutti i valori: {text}", "Provenance of every value: {text}"),
    "sources": ("Fonti citate", "Sources cited"),
    "public_sources": (
        "Fonti pubbliche trovate per la società",
        "Public sources found for the club",
    ),
    "public_fact": ("Fatto", "Fact"),
    "read_on": ("Letta il", "Read on"),
    "public_none_accepted": (
        "La ricerca ha trovato {n} fatti con una fonte, ma nessuno è stato ancora accettato: "
        "il piano non li usa finché non li accettate.",
        "The search found {n} facts with a source, but none has been accepted yet: the plan "
        "does not use them until you accept them.",
    ),
    "public_nothing_found": (
        "La ricerca non ha trovato fatti confermati da una fonte.",
        "The search found no fact that a source supports.",
    ),
    "used_for": ("Usata per", "Used for"),
    "uses": ("{n} valori", "{n} values"),
    "uses_one": ("1 valore", "1 value"),
    "no_sources": (
        "Nessuna fonte esterna: tutti i numeri vengono dal vostro questionario.",
        "No external source: every number comes from your questionnaire.",
    ),
    "review_checks": ("Controlli automatici sul piano", "Automatic checks on the plan"),
    "severity": ("Livello", "Level"),
    "message": ("Messaggio", "Message"),
    "section": ("Sezione", "Section"),
    "severity_info": ("informazione", "information"),
    "severity_warning": ("attenzione", "warning"),
    "severity_error": ("errore", "error"),
    "no_warnings": (
        "I controlli automatici non hanno segnalato problemi.",
        "The automatic checks reported no problem.",
    ),
    # data gaps
    "gaps_intro": (
        "Questi dati mancano nel questionario: il piano non li ha inventati e li mostra come "
        "«dato da acquisire». Raccoglieteli e rigenerate le sezioni interessate.",
        "These answers are missing from the questionnaire: the plan did not invent them and "
        "shows them as 'to be collected'. Collect them and regenerate the affected sections.",
    ),
    "gap_field": ("Dato", "Data point"),
    "gap_why": ("Perché serve", "Why it is needed"),
    "gap_from_profile": (
        "Mostrato come «dato da acquisire» nelle tabelle del piano.",
        "Shown as 'to be collected' in the plan's tables.",
    ),
    # one-pager
    "tile_members": ("Tesserati oggi", "Members today"),
    "tile_objectives": ("Obiettivi MACRO", "MACRO objectives"),
    "tile_actions": ("{n} azioni", "{n} actions"),
    "tile_budget": ("Budget triennale", "Three-year budget"),
    "tile_revenue": ("Entrate anno 0", "Revenue year 0"),
    "tile_cash": ("Cassa a fine {season}", "Cash at the end of {season}"),
    "tile_cash_need": ("servono {amount} di nuove fonti", "{amount} of new funding needed"),
    "tile_cash_even": ("saldo positivo dal {season}", "balance positive from {season}"),
    "tile_cash_unknown": (
        "pareggio non giudicabile: costi da acquisire",
        "break-even not judgeable: costs to collect",
    ),
    "tile_target_y3": ("obiettivo anno 3", "year-3 target"),
    "tile_from": ("da {value}", "from {value}"),
    "coverage": ("Copertura delle aree STW", "Coverage of the STW areas"),
    "coverage_line": (
        "{present}/{expected} obiettivi · {actions} azioni",
        "{present}/{expected} objectives · {actions} actions",
    ),
    "area_status_failed": ("generazione non riuscita", "generation failed"),
    "area_status_missing": ("non generata", "not generated"),
    "area_status_edited": ("modificata", "edited"),
    "readme_title": ("Contenuto del pacchetto", "What is in this package"),
    # progress report for the board (issue 17); the status words come from
    # engine.monitoring.model.Rag.label, shared with the CLI and the desktop
    "progress_title": ("Stato di avanzamento", "Progress report"),
    "progress_file": ("avanzamento", "progress"),
    "progress_review": ("Revisione", "Review"),
    "progress_review_mid": ("metà stagione", "mid-season"),
    "progress_review_end": ("fine stagione", "season end"),
    "progress_review_file_mid": ("meta", "mid"),
    "progress_review_file_end": ("fine", "end"),
    "progress_review_line": ("{season}, {review} (al {date})", "{season}, {review} (as of {date})"),
    "progress_overall": ("Stato complessivo", "Overall status"),
    "progress_kpis": ("Indicatori", "KPIs"),
    "progress_objectives": ("Obiettivi", "Objectives"),
    "progress_by_area": ("Stato per area", "Status by area"),
    "progress_area": ("Area", "Area"),
    "progress_status": ("Stato", "Status"),
    "progress_whole_plan": ("Tutto il piano", "Whole plan"),
    "progress_budget_spent": ("Budget speso", "Budget spent"),
    "progress_budget_planned": ("Budget previsto", "Budget planned"),
    "progress_budget": ("Budget", "Budget"),
    "progress_area_note": (
        "Le colonne {words} contano gli obiettivi dell'area per stato. Il budget previsto è "
        "l'intervallo degli obiettivi per le stagioni trascorse; lo speso somma le rilevazioni.",
        "The columns {words} count the area's objectives by status. The planned budget is the "
        "objectives' range for the seasons elapsed; spent adds up what was recorded.",
    ),
    "progress_finance": ("Conti: consuntivo e previsione", "Finances: actual vs forecast"),
    "progress_item": ("Voce", "Item"),
    "progress_forecast": ("Previsione", "Forecast"),
    "progress_actual": ("Consuntivo", "Actual"),
    "progress_variance": ("Scostamento", "Variance"),
    "progress_finance_mid": (
        "A metà stagione la previsione è metà di quella della stagione (la cassa è a metà "
        "strada tra le due fine stagione).",
        "At mid-season the forecast is half the season's (cash is half-way between the two "
        "season ends).",
    ),
    "progress_chart": (
        "Consuntivo e previsione per voce, {season}",
        "Actual vs forecast by item, {season}",
    ),
    "progress_chart_note": (
        "Solo le voci rilevate; i valori esatti e lo stato sono nella tabella.",
        "Measured items only; the exact values and the status are in the table.",
    ),
    "progress_chart_none": (
        "Grafico non disponibile: nessuna voce dei conti è stata ancora rilevata.",
        "No chart: no finance item has been measured yet.",
    ),
    "progress_fin_revenue_total": ("Entrate", "Revenue"),
    "progress_fin_cost_total": ("Costi", "Costs"),
    "progress_fin_operating": ("Gestione", "Operating"),
    "progress_fin_investments": ("Investimenti", "Investments"),
    "progress_fin_balance": ("Saldo anno", "Year balance"),
    "progress_fin_cash": ("Cassa", "Cash"),
    "progress_reds": ("Gli obiettivi in ritardo", "The objectives off track"),
    "progress_reds_intro": (
        "Per ogni obiettivo in ritardo: gli indicatori rilevati contro il valore atteso a questa "
        "revisione, le azioni scadute e non fatte (con il responsabile) e le prossime azioni "
        "in scadenza.",
        "For each objective off track: its KPIs measured against the value expected at this "
        "review, the actions due and not done (with their owner) and the next actions due.",
    ),
    "progress_no_reds": (
        "Nessun obiettivo in ritardo a questa revisione.",
        "No objective is off track at this review.",
    ),
    "progress_kpi": ("Indicatore", "KPI"),
    "progress_target": ("Atteso", "Target"),
    "progress_measured": ("Rilevato", "Measured"),
    "progress_late": ("Azioni in ritardo", "Late actions"),
    "progress_next": ("Prossime azioni", "Next actions"),
    "progress_no_late": (
        "Nessuna azione in ritardo: lo stato viene dagli indicatori.",
        "No late action: the status comes from the KPIs.",
    ),
    "progress_no_next": (
        "Nessuna azione ancora aperta dopo questa revisione.",
        "No action still open after this review.",
    ),
    "progress_due": ("entro il {date}", "due {date}"),
    "progress_no_kpis": ("Nessun indicatore per questo obiettivo.", "No KPI for this objective."),
    "progress_unmeasured": (
        "Ancora da rilevare (mai contati come in linea): {items}.",
        "Still to be measured (never counted as on track): {items}.",
    ),
    "progress_unmeasured_kpis": ("{n} indicatori", "{n} KPIs"),
    "progress_unmeasured_kpi": ("1 indicatore", "1 KPI"),
    "progress_unmeasured_more": ("e altri {n}", "and {n} more"),
    "progress_unmeasured_finance": ("conti", "finances"),
    "progress_unmeasured_budget": ("budget speso", "budget spent"),
    "progress_all_measured": (
        "Tutti i valori di questa revisione sono stati rilevati.",
        "Every value of this review has been measured.",
    ),
    "progress_legend": (
        "{green}: pari o meglio dell'obiettivo · {amber}: scostamento entro la tolleranza "
        "(indicatori {kpi}, conti {finance}, budget {budget}) · {red}: oltre la tolleranza, o "
        "più della metà delle azioni scadute non fatte · {unmeasured}: valore non ancora "
        "registrato, mai contato come {green_word}.",
        "{green}: at or better than the target · {amber}: within the tolerance (KPIs {kpi}, "
        "finances {finance}, budget {budget}) · {red}: beyond the tolerance, or more than half "
        "of the actions due not done · {unmeasured}: not recorded yet, never counted as "
        "{green_word}.",
    ),
}


class Labels:
    """The words of one language; ``labels["toc"]`` or ``labels.get("year_n", n=2)``."""

    __slots__ = ("index", "language")

    def __init__(self, language: Language | str) -> None:
        self.language = Language(language)
        self.index = 0 if self.language is Language.IT else 1

    def __getitem__(self, key: str) -> str:
        return _TEXT[key][self.index]

    def __getattr__(self, key: str) -> str:
        # Jinja reads ``t.toc``; a missing word is a bug, so it raises.
        try:
            return _TEXT[key][self.index]
        except KeyError:
            raise AttributeError(key) from None

    def get(self, key: str, **values: object) -> str:
        return _TEXT[key][self.index].format(**values)


def all_keys() -> list[str]:
    return list(_TEXT)
