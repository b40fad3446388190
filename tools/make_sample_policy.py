"""Generate source_docs/equality-inclusion-scheme.docx, the sample master policy.

    python tools/make_sample_policy.py [OUTPUT]

An original policy written for this project (Northvale Combined Authority is fictional).
It uses what real Word policies use: Title and Heading 1/2 styles, bulleted and numbered
lists with nesting (real numbering, numPr), a table with a header row, a quotation,
contact details, dates, money, acronyms spelled out and not, a footnote and a tracked
insertion. Edit the text here and rerun to regenerate the file.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Equality, Diversity and Inclusion Scheme 2024 to 2028"
ORGANISATION = "Northvale Combined Authority"

# Each chapter: (Heading 1, [ (kind, content) ... ]). Kinds: h2, p, bullets, numbers, table,
# quote. Lists are [text or (text, [children])].
CHAPTERS = [
    ("Introduction", [
        ("h2", "About this scheme"),
        ("p", "This scheme sets out how Northvale Combined Authority (NCA) will make sure that "
              "everyone who lives, works or travels in the Northvale region is treated fairly. "
              "It covers the four years from 1 April 2024 to 31 March 2028."),
        ("p", "The scheme explains our legal duties, what residents and staff told us, the "
              "equality objectives we have agreed and how we will measure our progress. It "
              "replaces our previous scheme, which ran from 2020-24."),
        ("p", "We wrote this scheme after talking to residents, community groups, staff and "
              "our partners. More than 3,400 people took part in our consultation, and their "
              "views shaped every one of our objectives. We are grateful to everyone who gave "
              "us their time, and especially to the disabled people's organisations and "
              "community groups who helped us to reach people we do not usually hear from."),
        ("p", "We are publishing this scheme in Plain English, Easy Read and audio formats, and "
              "we will provide it in any other format that a resident asks for. If you need a "
              "different format, please contact us using the details at the end of this "
              "document."),
        ("h2", "Who we are"),
        ("p", "The NCA brings together seven councils: Ashby, Brackenfield, Castleton, "
              "Dunmore, Eastwick, Fairholme and Greywater. Together we serve about 1.9 million "
              "people. We are responsible for transport, adult skills, housing investment and "
              "economic growth across the region."),
        ("p", "Our Mayor chairs the Combined Authority Board, which is made up of the leaders "
              "of the seven councils. The Board agreed this scheme at its meeting on "
              "14 March 2024."),
        ("quote", "A region where everyone can take part, and where nobody is held back by who "
                  "they are or where they come from. That is the Northvale we are working "
                  "for. - The Mayor of Northvale"),
    ]),
    ("Our legal duties", [
        ("h2", "The Equality Act 2010"),
        ("p", "The Equality Act 2010 protects people from discrimination, harassment and "
              "victimisation. It is unlawful to treat someone unfairly because of a protected "
              "characteristic. The protected characteristics are:"),
        ("bullets", ["age", "disability", "gender reassignment",
                     "marriage and civil partnership", "pregnancy and maternity",
                     "race, including colour, nationality and ethnic or national origins",
                     "religion or belief, including a lack of belief", "sex",
                     "sexual orientation"]),
        ("h2", "The Public Sector Equality Duty"),
        ("p", "As a public body we must also meet the Public Sector Equality Duty (PSED). "
              "When we make decisions, we must have due regard to the need to:"),
        ("numbers", ["eliminate unlawful discrimination, harassment and victimisation",
                     "advance equality of opportunity between people who share a protected "
                     "characteristic and people who do not",
                     "foster good relations between different groups"]),
        ("p", "We must publish information each year to show how we are meeting the PSED, "
              "and we must publish one or more equality objectives at least every four "
              "years.[fn]"),
        ("h2", "How we make decisions"),
        ("p", "Every report to the Board must explain how the decision it asks for would "
              "affect people with protected characteristics. Decision makers must read this "
              "information before they decide, and they must be able to show that they "
              "thought about it. It is not enough to consider equality after a decision has "
              "been made."),
        ("p", "Where a decision could have a negative impact on a group of people, we will "
              "look for ways to remove or reduce that impact. If we cannot avoid it, we will "
              "explain why the decision is still the right one, and what we will do to "
              "support the people affected."),
        ("h2", "Going further than the law"),
        ("p", "We know that some groups face disadvantage that the law does not cover. We "
              "will also consider people on low incomes, care leavers, carers, armed forces "
              "veterans and people who live in rural areas when we plan our services."),
        ("p", "In 2023 the Board adopted the IHRA working definition of antisemitism. It "
              "helps us to recognise and challenge antisemitism in our work."),
    ]),
    ("What we found", [
        ("h2", "Our workforce"),
        ("p", "We employ 1,240 people. The table below compares our workforce with the "
              "population of the region. It is based on data collected by 31 December 2023, "
              "and 86% of staff chose to share their information with us."),
        ("table", [["Group", "Share of our staff", "Share of the region"],
                   ["Women", "48%", "51%"],
                   ["Disabled people", "9%", "19%"],
                   ["Black, Asian and minority ethnic people", "14%", "22%"],
                   ["People aged 16 to 24", "4%", "12%"],
                   ["Lesbian, gay or bisexual people", "5%", "4%"]]),
        ("p", "Disabled people and young people are under-represented in our workforce, "
              "especially in senior roles. Only 2 of our 38 senior managers have told us "
              "they are disabled."),
        ("h2", "Listening to residents"),
        ("p", "Between June and September 2023 we asked residents what makes it harder for "
              "them to use our services. More than 3,400 people answered our survey and "
              "about 260 people came to 18 community events."),
        ("p", "The most common problems people told us about were:"),
        ("bullets", ["buses and trams that are not step-free or do not announce the next "
                     "stop",
                     ("information that is hard to read or only available online",
                      ["letters that use jargon", "forms that do not work with screen "
                       "readers"]),
                     "not knowing who to contact when something goes wrong",
                     "feeling unsafe when travelling at night, especially for women and "
                     "girls"]),
        ("p", "Deaf residents told us that they could not always book a British Sign "
              "Language (BSL) interpreter for meetings. People who speak little English said "
              "that interpreting was often arranged too late."),
    ]),
    ("Our equality objectives", [
        ("p", "Based on what we found, the Board has agreed five equality objectives for "
              "2024-28. Each objective has actions that will be carried out by named teams."),
        ("numbers", [
            ("Make public transport accessible to everyone.",
             ["Make 40 more tram stops step-free by March 2027.",
              "Fit audio and visual next-stop announcements on every bus by 2026.",
              "Train all transport staff in disability awareness."]),
            ("Give residents information they can understand.",
             ["Publish every major policy in Plain English, Easy Read and audio.",
              "Test our forms with disabled residents before we launch them."]),
            ("Build a workforce that reflects the region.",
             ["Double the number of apprentices aged 16 to 24 by 2026.",
              "Guarantee an interview to disabled applicants who meet the essential "
              "criteria."]),
            ("Close our pay gaps.",
             ["Reduce our gender pay gap from 11.2% to below 8% by 2028.",
              "Publish our ethnicity and disability pay gaps every year."]),
            ("Make our region safer for women and girls.",
             ["Improve lighting at 120 bus stops.",
              "Launch a text service for reporting harassment on public transport."]),
        ]),
        ("p", "We have set aside £2.4 million over four years to deliver these objectives. "
              "This includes £150,000 a year for interpreting and translation."),
    ]),
    ("Making our services accessible", [
        ("h2", "Information in other formats"),
        ("p", "We will provide any of our published information in another format on "
              "request, free of charge. This includes large print, Braille, audio, Easy Read "
              "and community languages. We aim to send the format you need within ten "
              "working days."),
        ("p", "Our website is tested against the Web Content Accessibility Guidelines (WCAG) "
              "2.2 at level AA. If you find a problem with our website, please tell us."),
        ("p", "We know that not everyone uses the internet. Every service we offer online "
              "can also be used by phone or in person, and we will never make a digital "
              "route the only way to get help. Our customer service advisers can fill in "
              "forms for residents over the phone, and they can arrange a call back in a "
              "community language."),
        ("h2", "Meetings and events"),
        ("p", "When we hold public meetings, we will:"),
        ("bullets", ["choose venues with step-free access and an accessible toilet",
                     "offer a BSL interpreter and live captions when asked at least five "
                     "working days before",
                     "send papers at least seven days before the meeting",
                     "pay reasonable travel and care costs for community members who give "
                     "their time"]),
        ("h2", "Equality impact assessments"),
        ("p", "Every new policy, service change and budget decision must have an Equality "
              "Impact Assessment (EqIA). An EqIA looks at how a decision could affect people "
              "with protected characteristics and what we can do to reduce any negative "
              "impact. Completed assessments will be published alongside Board papers."),
    ]),
    ("Our workforce and pay", [
        ("h2", "Recruitment"),
        ("p", "We are a Disability Confident Leader employer. We will review our job "
              "adverts so that they use plain language and only ask for the skills a job "
              "really needs. Interview panels will include at least one person who has "
              "completed our fair recruitment training."),
        ("h2", "Pay gaps"),
        ("p", "On 31 March 2023 our median gender pay gap was 11.2%. This means that for "
              "every £1 earned by a man, a woman earned about 89p. The gap exists mainly "
              "because more men than women work in our senior and technical roles."),
        ("p", "All of our staff are paid at least the Real Living Wage, which is £12.00 an "
              "hour from April 2024. We also require our main contractors to pay it."),
        ("p", "We will look at every stage of our pay and grading system to find out why "
              "the gaps exist. This includes starting salaries, promotions, bonuses for "
              "out-of-hours work and the take-up of flexible working. We will publish what we "
              "find and what we are doing about it in our annual equality report."),
        ("h2", "Training and staff networks"),
        ("p", "All staff must complete equality and inclusion training within three months "
              "of joining, and every two years after that. We support five staff networks: "
              "the Disability Network, the Race Equality Network, the Women's Network, the "
              "LGBTQ+ Network and the Carers' Network."),
    ]),
    ("Working with partners", [
        ("h2", "Buying goods and services"),
        ("p", "We spend about £310 million a year with suppliers. Our procurement rules "
              "require every contract worth more than £100,000 to include equality "
              "requirements that are relevant to the contract. For example, a bus operator "
              "must train its drivers to help disabled passengers, and a building contractor "
              "must make sure that new stations meet accessibility standards."),
        ("p", "We will ask suppliers how they support equality in their own organisations, "
              "and we will check that they do what they promised. Where a supplier does not "
              "meet the requirements of its contract, we will agree an improvement plan with "
              "it and monitor that plan until the problem is fixed."),
        ("h2", "Grants to community groups"),
        ("p", "Our Inclusive Communities Fund gives grants of between £500 and £10,000 to "
              "voluntary and community groups. In 2024-25 the fund has £400,000 to share. "
              "Groups led by disabled people, by people from ethnic minority communities and "
              "by young people are especially encouraged to apply."),
        ("p", "We have made the application form shorter and simpler, and groups can now "
              "apply by video or phone instead of writing. Our community team will help "
              "small groups that have not applied for a grant before."),
        ("h2", "Health and the NHS"),
        ("p", "Many of the inequalities that residents told us about are linked to health. "
              "We will work with the NHS, local councils and the voluntary sector so that "
              "our transport and skills programmes help people to reach health services and "
              "to stay well in work. Our joint work will focus on the neighbourhoods where "
              "healthy life expectancy is lowest."),
    ]),
    ("Housing, skills and jobs", [
        ("h2", "Housing"),
        ("p", "We invest in new homes across the region through the Northvale Housing "
              "Fund. From April 2024, at least 10% of the homes built on schemes we fund "
              "must be wheelchair accessible, and every new home must meet the accessible "
              "and adaptable standard."),
        ("p", "We will also fund adaptations such as ramps, stair lifts and level-access "
              "showers, working with the councils that assess residents' needs. Our target "
              "is to cut the average waiting time for a major adaptation from 32 weeks to 20 "
              "weeks by 2026."),
        ("h2", "Adult skills"),
        ("p", "We fund about 45,000 adult learning places each year. Courses are free for "
              "residents who earn less than the Real Living Wage, and for anyone who wants to "
              "learn English, improve their reading and writing or gain basic digital "
              "skills."),
        ("p", "We will make sure that colleges and training providers offer the support "
              "that disabled learners need, such as note takers, assistive technology and "
              "extra time in assessments. We will publish the results of our courses by age, "
              "sex, ethnicity and disability, so that we can see which groups are doing less "
              "well and act on it."),
        ("h2", "Good jobs"),
        ("p", "Our Good Employment Charter asks employers in the region to pay fairly, to "
              "offer flexible working and to support staff with caring responsibilities. "
              "More than 420 employers have signed the charter so far, and we want 1,000 to "
              "sign it by 2028."),
        ("p", "We will run a supported employment programme for 600 disabled people and "
              "people with long-term health conditions. Each person will have a job coach who "
              "helps them to find work and stays in touch during their first six months in "
              "the job."),
    ]),
    ("How we will measure progress", [
        ("p", "We will publish an equality report every year by 31 July. It will show the "
              "progress we have made against each objective, our workforce data and our "
              "pay gaps."),
        ("p", "The Equality and Inclusion Steering Group, which is chaired by our Chief "
              "Executive, will check progress every three months. It will report to the "
              "Board twice a year, in January and July."),
        ("p", "Residents will be involved in checking our progress. We will set up a "
              "residents' panel of 30 people that reflects the diversity of the region, and "
              "we will pay panel members £25 for each meeting they attend."),
        ("p", "The scheme will be reviewed in full in 2027-28, before the next scheme is "
              "written."),
        ("h2", "If something goes wrong"),
        ("p", "If you think we have treated you unfairly, you can make a complaint. You can "
              "complain by phone, by email, by letter or in person, and you can ask someone "
              "else to complain for you. We will acknowledge your complaint within three "
              "working days and give you a full reply within 20 working days."),
        ("p", "If you are not happy with our reply, you can ask for your complaint to be "
              "looked at again by a senior manager who was not involved. After that, you can "
              "contact the Local Government and Social Care Ombudsman, which is independent "
              "and free to use."),
        ("p", "Every year we will publish the number of complaints about equality that we "
              "received, what they were about and what we changed as a result. We will not "
              "publish any information that could identify the people who complained."),
    ]),
    ("Words we use", [
        ("p", "This section explains some of the words used in this scheme."),
        ("bullets", [
            "Accessible: easy for everyone to get to, use or understand.",
            "Combined authority: a group of councils that work together on things like "
            "transport, jobs and housing.",
            "Discrimination: treating someone unfairly because of who they are.",
            "Equality objective: something we have promised to achieve to make things fairer.",
            "Pay gap: the difference between the average pay of two groups of people.",
            "Protected characteristic: a part of who someone is that the law protects from "
            "discrimination, such as age, disability, race, religion or sex.",
            "Reasonable adjustment: a change that removes or reduces a disadvantage for a "
            "disabled person.",
            "Step-free: a place you can reach without using steps or escalators.",
        ]),
    ]),
    ("Contact us", [
        ("p", "If you have a question about this scheme, want it in another format or want "
              "to tell us about a problem, please get in touch."),
        ("p", "Phone: 0345 303 6760 (Monday to Friday, 9am to 5pm)"),
        ("p", "Email: equality@northvale-ca.gov.uk"),
        ("p", "Website: www.northvale-ca.gov.uk/equality"),
        ("p", "If you are deaf or have a hearing or speech impairment, you can use Relay UK "
              "by dialling 18001 then 0345 303 6760."),
        ("p", "Equality and Inclusion Team"),
        ("p", "Northvale Combined Authority"),
        ("p", "16 Summer Lane, Castleton, NV1 4QT"),
    ]),
]
FOOTNOTE = ("The Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017 "
            "set out these publishing duties.")
TRACKED_INSERTION = " We will also publish a summary of the report in Easy Read."


def new_list(document, formats: list[str]) -> int:
    """A new list as Word makes one: an abstractNum with a format per level, and a num."""
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id, num_id = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    for level, fmt in enumerate(formats):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt),
                           ("w:lvlText", "\u2022" if fmt == "bullet" else f"%{level + 1}.")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(720 * (level + 1)))
        ind.set(qn("w:hanging"), "360")
        ppr.append(ind)
        lvl.append(ppr)
        abstract.append(lvl)
    # abstractNum elements must come before num elements in numbering.xml
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    abstract_ref = OxmlElement("w:abstractNumId")
    abstract_ref.set(qn("w:val"), str(abstract_id))
    num.append(abstract_ref)
    numbering.append(num)
    return num_id


def add_list(document, items, num_id: int, level: int = 0) -> None:
    for item in items:
        text, children = (item, []) if isinstance(item, str) else item
        paragraph = document.add_paragraph(text, style="List Paragraph")
        paragraph_numbering(paragraph, num_id, level)
        if children:
            add_list(document, children, num_id, level + 1)


def paragraph_numbering(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.extend([ilvl, num])
    ppr.append(num_pr)


def add_footnote_reference(paragraph) -> None:
    """python-docx has no footnote API: write the footnotes part and reference by hand."""
    run = paragraph.add_run()
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    run._r.append(reference)


FOOTNOTES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>\
</w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{FOOTNOTE}</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def add_tracked_insertion(paragraph, text: str) -> None:
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "101")
    insertion.set(qn("w:author"), "Equality Team")
    insertion.set(qn("w:date"), "2024-03-01T10:00:00Z")
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    insertion.append(run)
    paragraph._p.append(insertion)


def build(target: Path) -> None:
    document = Document()
    core = document.core_properties
    core.title = TITLE
    core.author = ORGANISATION
    core.language = "en-GB"
    core.subject = "Equality scheme"
    core.created = core.modified = datetime(2024, 3, 14, 9, 0, 0)
    core.last_modified_by = "Equality and Inclusion Team"
    core.revision = 1
    styles = document.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(12)
    if "Quote" not in [s.name for s in styles]:
        styles.add_style("Quote", WD_STYLE_TYPE.PARAGRAPH)

    document.add_paragraph(TITLE, style="Title")
    footnote_done = False
    for heading, blocks in CHAPTERS:
        document.add_heading(heading, level=1)
        for kind, content in blocks:
            if kind == "h2":
                document.add_heading(content, level=2)
            elif kind == "p":
                text = content.replace("[fn]", "")
                paragraph = document.add_paragraph(text)
                if "[fn]" in content and not footnote_done:
                    add_footnote_reference(paragraph)
                    footnote_done = True
                if content.startswith("We will publish an equality report"):
                    add_tracked_insertion(paragraph, TRACKED_INSERTION)
            elif kind == "quote":
                document.add_paragraph(content, style="Quote")
            elif kind == "bullets":
                add_list(document, content, new_list(document, ["bullet"] * 3))
            elif kind == "numbers":
                add_list(document, content, new_list(document, ["decimal", "bullet", "bullet"]))
            elif kind == "table":
                table = document.add_table(rows=0, cols=len(content[0]))
                table.style = "Table Grid"
                for row_index, values in enumerate(content):
                    cells = table.add_row().cells
                    for cell, value in zip(cells, values, strict=True):
                        cell.text = value
                    if row_index == 0:
                        tr_pr = table.rows[0]._tr.get_or_add_trPr()
                        header = OxmlElement("w:tblHeader")
                        tr_pr.append(header)
    document.save(str(target))
    _add_footnotes_part(target)


def _add_footnotes_part(target: Path) -> None:
    """Add word/footnotes.xml with its relationship and content type to the saved file."""
    import shutil
    import tempfile
    import zipfile

    rel = ('<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
           'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>')
    override = ('<Override PartName="/word/footnotes.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')
    with tempfile.NamedTemporaryFile(suffix=".docx", delete=False) as handle:
        temporary = Path(handle.name)
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(temporary, "w",
                                                            zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            elif item.filename == "docProps/app.xml":  # the sample names its own publisher
                data = data.replace(b"<Company/>", f"<Company>{ORGANISATION}</Company>".encode())
            # Fixed timestamps so regenerating gives the same bytes.
            info = zipfile.ZipInfo(item.filename, date_time=(2024, 3, 14, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)
        info = zipfile.ZipInfo("word/footnotes.xml", date_time=(2024, 3, 14, 9, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(info, FOOTNOTES_XML.encode("utf-8"))
    shutil.move(temporary, target)


if __name__ == "__main__":
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "source_docs" / \
        "equality-inclusion-scheme.docx"
    output.parent.mkdir(parents=True, exist_ok=True)
    build(output)
    print(f"wrote {output}")
