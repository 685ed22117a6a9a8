"""Letters in two authorities' house styles, for the ``refs learn`` tests.

Each style is a few templates with fillers varied per letter (the request's
subject, dates, reference numbers, the requester, which exemptions are
cited), written as Markdown (``## Heading`` headings), so what is learned
can be compared with what the templates hold. Seeded: the same seed gives
the same letters.

- Style "cumbria": Cumbria Constabulary (a name the authorities table knows),
  s24(2) and s31(3), cited together or alone.
- Style "borset": Borsetshire Police (a name no table knows: learning needs
  ``--authority``), s30(3) and s40(5B), a different layout and wording.
"""

from __future__ import annotations

import random
from pathlib import Path

SUBJECTS = [
    "drones used by the roads policing unit", "automatic number plate recognition cameras on the A595",
    "the mobile phone extraction kiosks", "the body worn video contract", "covert listening devices",
    "the firearms licensing database", "cyber attacks on the control room", "facial recognition trials",
    "the informant reward budget", "surveillance vehicles", "the counter terrorism unit's staffing",
    "the encrypted radio system", "protest monitoring software", "stop and search tablets",
    "the custody CCTV network", "the intelligence database upgrade", "covert camera purchases in 2024",
    "the dark web monitoring tool", "the use of spyware", "port security checks",
]
PEOPLE = ["Mr John Smith", "Ms Priya Patel", "Dr Alan Jones", "Mrs Sarah O'Neill", "Mr Tom Baker", "Miss Jane Doe",
          "Mr David Khan", "Ms Laura Evans", "Dr Ruth Green", "Mr Peter Walsh", "Mrs Helen Price", "Mr Sam Lee"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# --------------------------------------------------------------------------- style A

CUMBRIA = {
    "authority": "Cumbria Constabulary",
    "preamble": "Thank you for your email dated {date} in which you asked for information about {subject}. "
                "Your request has been handled under the Freedom of Information Act 2000.",
    "ncnd": "Cumbria Constabulary neither confirms nor denies that it holds the information you have asked for, "
            "by virtue of the exemptions listed below:",
    "harm_s24": "Disclosing whether or not Cumbria Constabulary holds information about {subject} would tell those "
                "planning attacks where our protective resources are, and are not, deployed. This would undermine "
                "the national security of the United Kingdom.",
    "harm_s31": "Any confirmation or denial concerning {subject} would give offenders an insight into the tactical "
                "capability of the force, allowing them to adapt their behaviour and avoid detection.",
    "for_s24": "Confirming or denying would demonstrate openness about how Cumbria Constabulary spends public money "
               "on {subject} and would inform public debate.",
    "against_s24": "Confirming or denying would assist those intent on harming the country by revealing where "
                   "vulnerabilities in our security arrangements may lie.",
    "for_s31": "The public has a legitimate interest in knowing that the force uses its resources effectively to "
               "prevent and detect crime.",
    "against_s31": "Revealing the capabilities of the force would compromise the prevention and detection of crime "
                   "and would put the public at greater risk.",
    "balance": "Although there is a public interest in openness, the safety of the public and the effective "
               "prevention of crime must come first. On balance the public interest favours neither confirming "
               "nor denying that information is held.",
    "no_inference": "Nothing in this response should be taken to indicate whether or not the information you "
                    "requested exists.",
    "review": "If you are unhappy with the way your request has been handled you may ask for an internal review by "
              "writing to the Information Access Team within 40 working days. You may then complain to the "
              "Information Commissioner at https://ico.org.uk/make-a-complaint/.",
}
#: Paragraph keys that every letter has, and per exemption.
CUMBRIA_SHARED = ("preamble", "ncnd", "balance", "no_inference", "review")
CUMBRIA_BY_EXEMPTION = {"s24(2)": ("harm_s24", "for_s24", "against_s24"), "s31(3)": ("harm_s31", "for_s31", "against_s31")}
CUMBRIA_TITLES = {"s24(2)": "Section 24(2) National Security", "s31(3)": "Section 31(3) Law Enforcement"}


def cumbria_letter(subject: str, date: str, ref: str, person: str, exemptions: tuple[str, ...], text=None) -> str:
    t = dict(CUMBRIA, **(text or {}))
    fill = lambda key: t[key].format(subject=subject, date=date) if t.get(key) else None  # noqa: E731
    out = [f"Freedom of Information request reference {ref}", f"Dear {person},", fill("preamble"),
           "## Request", f"You asked for all information held about {subject}, including costs and locations.",
           "## Response", fill("ncnd")]
    out += [f"- {CUMBRIA_TITLES[e]}" for e in exemptions]
    out.append("## Harm in confirming or denying")
    out += [fill(k) for k in ("harm_s24", "harm_s31") if k.endswith(_short(exemptions))]
    out.append("## Public interest test")
    for e in exemptions:
        tag = "s24" if e == "s24(2)" else "s31"
        out += [f"### {CUMBRIA_TITLES[e]}", "Factors favouring confirming or denying:", fill(f"for_{tag}"),
                "Factors against confirming or denying:", fill(f"against_{tag}")]
    out += ["## Balancing test", fill("balance"), fill("no_inference"), fill("review"), "Yours sincerely,",
            "Information Access Team"]
    return "\n\n".join(p for p in out if p) + "\n"


def _short(exemptions: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("s24" if e == "s24(2)" else "s31" for e in exemptions)


# --------------------------------------------------------------------------- style B

BORSET = {
    "opening": "We received your request on {date}, {person}, and have now completed our searches under the "
               "Freedom of Information Act 2000.",
    "ncnd": "Borsetshire Police will neither confirm nor deny the existence of any relevant data by virtue of the "
            "following exemptions:",
    "s30_class": "Section 30 is a class based exemption which protects investigations the force has a duty to "
                 "conduct, and the public interest test has been applied.",
    "s30_against": "Confirming or denying whether information about {subject} is held would reveal whether the "
                   "force has conducted an investigation, and could prejudice any investigation now under way.",
    "s30_for": "Confirmation would show that Borsetshire Police investigates matters such as {subject} thoroughly "
               "and spends public money wisely.",
    "s40": "Confirming or denying that information is held would itself disclose personal data about an identifiable "
           "individual, which would breach the data protection principles.",
    "weigh": "Having weighed the factors for and against, Borsetshire Police considers that the balance lies firmly "
             "in favour of neither confirming nor denying that information is held.",
    "no_inference": "This response should not be taken as conclusive evidence that the information you have "
                    "requested exists or does not exist.",
    "complaints": "Should you wish to complain about this response, write to the Borsetshire Police Disclosure "
                  "Unit within two months, quoting your reference. The Information Commissioner's Office can "
                  "also be contacted at https://ico.org.uk/.",
}


def borset_letter(subject: str, date: str, ref: str, person: str, exemptions: tuple[str, ...], text=None) -> str:
    t = dict(BORSET, **(text or {}))
    fill = lambda key: t[key].format(subject=subject, date=date, person=person) if t.get(key) else None  # noqa: E731
    out = [f"Our ref: {ref}", f"Dear {person},", fill("opening"), "## Your request", f"You wrote: \"{subject}\".",
           "## Our decision", fill("ncnd")]
    out += [{"s30(3)": "- Section 30(3) Investigations", "s40(5B)": "- Section 40(5B) Personal Information"}[e] for e in exemptions]
    if "s30(3)" in exemptions:
        out += ["## Section 30(3)", fill("s30_class"), "Factors favouring confirming or denying:", fill("s30_for"),
                "Factors against confirming or denying:", fill("s30_against")]
    if "s40(5B)" in exemptions:
        out += ["## Section 40(5B)", fill("s40")]
    out += ["## Balancing test", fill("weigh"), fill("no_inference"), fill("complaints"), "Kind regards,",
            "Disclosure Unit"]
    return "\n\n".join(p for p in out if p) + "\n"


# --------------------------------------------------------------------------- corpora

STYLES = {
    "cumbria": (cumbria_letter, [("s24(2)", "s31(3)"), ("s24(2)",), ("s31(3)",)]),
    "borset": (borset_letter, [("s30(3)",), ("s30(3)", "s40(5B)"), ("s40(5B)",)]),
}


def fillers(rng: random.Random, n: int) -> dict:
    day = rng.randrange(1, 28)
    return {
        "subject": SUBJECTS[n % len(SUBJECTS)],
        "date": f"{day} {MONTHS[(n * 5) % 12]} {2023 + n % 3}",
        "ref": f"FOI/{2023 + n % 3}/{rng.randrange(1000, 9999):04d}",
        "person": PEOPLE[(n * 7) % len(PEOPLE)],
    }


def write_letters(folder: Path, style: str, count: int = 16, seed: int = 1, offset: int = 0) -> list[Path]:
    """``count`` letters of one style in ``folder`` (letter_00.md ...), exemption sets in rotation."""
    make, sets = STYLES[style]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        n = i + offset
        f = fillers(rng, n)
        text = make(f["subject"], f["date"], f["ref"], f["person"], sets[n % len(sets)])
        path = folder / f"letter_{n:02d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def one_letter(style: str, n: int, exemptions: tuple[str, ...], text=None, subject: str | None = None) -> str:
    """A letter not in the corpus (a new subject and requester), optionally with some paragraphs changed or dropped."""
    make, _ = STYLES[style]
    f = fillers(random.Random(1000 + n), n)
    return make(subject or f["subject"], f["date"], f["ref"], f["person"], exemptions, text)


# --------------------------------------------------------------------------- the seed, corrected

#: What the seed's body says where the bundled library has a placeholder.
SEED_FORCE = "West Midlands Police"
SEED_SUBJECTS = ["a certain operating system", "Office 365"]
IT_SUBJECTS = ["Windows 11", "Microsoft Teams", "a cloud email service", "Oracle databases", "Citrix remote access",
               "the Niche records system", "Office 365", "Linux servers", "Cisco firewalls", "SAP payroll"]
FORCES = ["West Midlands Police", "Kent Police", "Essex Police", "Cheshire Constabulary", "Dorset Police",
          "Gwent Police", "Suffolk Constabulary", "Thames Valley Police"]
#: The seed's corrections (reference_texts/README.md, "What changed from the seed response").
SEED_CORRECTIONS = [
    ("what will be the greater good, if released, to the community", "what will be the greater good, if confirmed or denied, to the community"),
    ("a national policy approved by the College of Policing titled National Policing Community Security Policy has been put in place. "
     "This policy has been constructed to ensure the delivery of core operational policing by providing appropriate and consistent "
     "protection for the information assets of member organisations. A copy of this can be found at the below link:",
     "national policing information security standards have been put in place. These standards have been constructed to ensure the "
     "delivery of core operational policing by providing appropriate and consistent protection for the information assets of member "
     "organisations. The current standards can be found at the below link:"),
    ("information security a national", "information security, national"),
    ("http://library.college.police.uk/docs/APP-Community-Security-Policy-2014.pdf", "https://knowledgehub.group/web/national-standards"),
    ("https://www.app.college.police.uk/app-content/information-management/", "https://www.college.police.uk/app/information-management"),
]
#: The front and back of a complete response, which the seed (a fragment) lacks.
SEED_OPENING = [
    "Thank you for your request for information, reference {ref}, which has been considered under the Freedom of "
    "Information Act 2000 (the Act).",
    "Section 1 of the Freedom of Information Act 2000 places two duties on public authorities. Unless exemptions apply, "
    "the first duty at Section 1(1)(a) is to confirm or deny whether the information specified in a request is held. "
    "The second duty at Section 1(1)(b) is to disclose information that has been confirmed as being held.",
    "Where exemptions are relied upon, Section 17 of the Act requires that we provide the applicant with a notice which: "
    "a) states that fact, b) specifies the exemption(s) in question and c) states (if that would not otherwise be "
    "apparent) why the exemption applies.",
    "{force} can neither confirm nor deny that it holds the information relevant to your request as the duty in Section "
    "1(1)(a) of the Freedom of Information Act 2000 does not apply, by virtue of the following exemptions:",
]
SEED_CLOSING = [
    "This response should not be taken as necessarily indicating that any information that meets your request exists "
    "or does not exist.",
    "If you are dissatisfied with this response you may ask {force} for an internal review within 40 working days of "
    "the date of this letter. If you remain dissatisfied after the internal review, you may complain to the Information "
    "Commissioner's Office, whose details are on its website at https://ico.org.uk/.",
]
#: Paragraphs of the seed's body that argue one exemption only (by their first words).
SEED_S31_ONLY = ("Policing is an information-led", "https://www.college.police.uk/app/information-management",
                 "To confirm or deny whether {force} uses", "In order to comply with statutory requirements and to meet",
                 "https://knowledgehub.group")
SEED_S24_ONLY = ("This type of information would be extremely", "To confirm or deny whether {force} relies",
                 "Weakening the mechanisms")


def seed_variants(seed: str, folder: Path, count: int = 18) -> list[Path]:
    """The seed response corrected, completed, and varied: force, system, reference, exemptions cited."""
    body = seed.split("Harm in Confirming or Denying that Information is held", 1)[1]
    for old, new in SEED_CORRECTIONS:
        body = body.replace(old, new)
    body = body.replace(SEED_FORCE, "{force}")
    for s in SEED_SUBJECTS:
        body = body.replace(s, "{subject}")
    # The two exemptions' public interest parts, to drop the one a variant does not cite.
    head, rest = body.split("Section 24(2) National Security:", 1)
    head = head.split("Public Interest Considerations", 1)[0]
    s24_part, rest = rest.split("Section 31(3) Law Enforcement", 1)
    s31_part, tail = rest.split("Balancing Test", 1)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    sets = [("s24(2)", "s31(3)"), ("s24(2)",), ("s31(3)",)]
    for n in range(count):
        force, subject = FORCES[n % len(FORCES)], IT_SUBJECTS[(n * 3) % len(IT_SUBJECTS)]
        cited = sets[n % len(sets)]
        harm = [p for p in head.split("\n\n") if p.strip()]
        balancing = [p for p in tail.split("\n\n") if p.strip()]
        if "s31(3)" not in cited:
            harm = [p for p in harm if not p.strip().startswith(SEED_S31_ONLY)]
            balancing = [p for p in balancing if not p.strip().startswith(SEED_S31_ONLY)]
        if "s24(2)" not in cited:
            harm = [p for p in harm if not p.strip().startswith(SEED_S24_ONLY)]
            balancing = [p for p in balancing if not p.strip().startswith(SEED_S24_ONLY)]
        titles = {"s24(2)": "Section 24(2) National Security", "s31(3)": "Section 31(3) Law Enforcement"}
        parts = [f"Freedom of Information Request {n:04d}/25", "## Request", f"Do you use {subject}?", "## Response"]
        parts += [p.format(ref=f"{n:04d}/25", force=force) for p in SEED_OPENING]
        parts += [f"- {titles[e]}" for e in cited]
        parts += ["## Harm in Confirming or Denying that Information is held", *harm, "## Public Interest Considerations"]
        if "s24(2)" in cited:
            parts += ["### Section 24(2) National Security", s24_part.strip()]
        if "s31(3)" in cited:
            parts += ["### Section 31(3) Law Enforcement", s31_part.strip()]
        parts += ["## Balancing Test", *balancing, *(p.format(force=force) for p in SEED_CLOSING), "Yours sincerely,", "Freedom of Information Unit"]
        text = "\n\n".join(parts).replace("{force}", force).replace("{subject}", subject) + "\n"
        path = folder / f"seed_variant_{n:02d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
