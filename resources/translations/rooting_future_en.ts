<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActualsGrid</name>
    <message numerus="yes">
        <source>%n value(s) changed, not saved yet.</source>
        <translation>
            <numerusform>%n value changed, not saved yet.</numerusform>
            <numerusform>%n values changed, not saved yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) cannot be read: correct the rows marked in red. Nothing was saved.</source>
        <translation>
            <numerusform>%n value cannot be read: correct the row marked in red. Nothing was saved.</numerusform>
            <numerusform>%n values cannot be read: correct the rows marked in red. Nothing was saved.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerationPage</name>
    <message numerus="yes">
        <source>Saved as version %n, with what was rewritten. Where a section could not be rewritten, its earlier text is kept.</source>
        <translation>
            <numerusform>Saved as version %n, with what was rewritten. Where a section could not be rewritten, its earlier text is kept.</numerusform>
            <numerusform>Saved as version %n, with what was rewritten. Where a section could not be rewritten, its earlier text is kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The plan is saved, but %n section(s) failed and are marked in the plan. Retry them, or complete them with the offline draft.</source>
        <translation>
            <numerusform>The plan is saved, but %n section failed and is marked in the plan. Retry it, or complete it with the offline draft.</numerusform>
            <numerusform>The plan is saved, but %n sections failed and are marked in the plan. Retry them, or complete them with the offline draft.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fact(s) from public sources to review.</source>
        <translation>
            <numerusform>%n fact from public sources to review.</numerusform>
            <numerusform>%n facts from public sources to review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message numerus="yes">
        <source>%n value(s) recorded from {file}.</source>
        <translation>
            <numerusform>%n value recorded from {file}.</numerusform>
            <numerusform>%n values recorded from {file}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) could not be read and were left out: correct them in the sheet and import it again (the values already recorded stay as they are).</source>
        <translation>
            <numerusform>%n row could not be read and was left out: correct it in the sheet and import it again (the values already recorded stay as they are).</numerusform>
            <numerusform>%n rows could not be read and were left out: correct them in the sheet and import it again (the values already recorded stay as they are).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message numerus="yes">
        <source>%n plan(s) in the trash</source>
        <translation>
            <numerusform>%n plan in the trash</numerusform>
            <numerusform>%n plans in the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n plan(s)</source>
        <translation>
            <numerusform>%n plan</numerusform>
            <numerusform>%n plans</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message numerus="yes">
        <source>%n indicator(s)</source>
        <translation>
            <numerusform>%n indicator</numerusform>
            <numerusform>%n indicators</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n late action(s)</source>
        <translation>
            <numerusform>%n late action</numerusform>
            <numerusform>%n late actions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) recorded.</source>
        <translation>
            <numerusform>%n value recorded.</numerusform>
            <numerusform>%n values recorded.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResearchView</name>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>%n to review</numerusform>
            <numerusform>%n to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accepted</source>
        <translation>
            <numerusform>%n accepted</numerusform>
            <numerusform>%n accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fact(s) left out because no page supported them.</source>
        <translation>
            <numerusform>%n fact left out because no page supported it.</numerusform>
            <numerusform>%n facts left out because no page supported them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WizardPage</name>
    <message numerus="yes">
        <source>%n answer(s) need fixing before the plan can be written. Click one to go to it.</source>
        <translation>
            <numerusform>%n answer needs fixing before the plan can be written. Click it to go to it.</numerusform>
            <numerusform>%n answers need fixing before the plan can be written. Click one to go to it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) to fix</source>
        <translation>
            <numerusform>%n answer to fix</numerusform>
            <numerusform>%n answers to fix</numerusform>
        </translation>
    </message>
</context>
</TS>
