"""Made-up people for demonstration data: names, streets, phone numbers from Ofcom's drama
ranges, postcodes in (and a few outside) Derbyshire, referrers and what clients say.

Nobody here is a real person: names come from Faker's British, New Zealand, Irish and
Indian English lists, weighted to the shape of surnames in England and Wales.
"""

from __future__ import annotations

import bisect
import itertools
import json
import random

from .. import errors, paths

INTERNATIONAL_FIRST = ["Zoë", "Chloë", "Siân", "Seán", "Aoife", "Łukasz", "Małgorzata",
                       "Agnieszka", "Tomasz", "Priya", "Aaliyah", "Amira", "Mohammed", "Renée",
                       "José", "Ayşe", "Niamh", "Oisín", "Dóra", "Björn"]
INTERNATIONAL_LAST = ["Kowalski", "Nowak", "Wiśniewska", "Khan", "Hussain", "Begum", "Patel",
                      "Ahmed", "O'Brien", "O'Neill", "Müller", "Öztürk", "Ferreira",
                      "Nguyễn", "Mensah", "Okafor", "Gonçalves", "Ó Briain"]
STREET_ENDINGS = ["Road", "Street", "Close", "Avenue", "Lane", "Drive", "Way", "Crescent",
                  "Grove", "Terrace", "Gardens", "Court", "Place", "Walk", "Rise"]
TOWNS = {
    "DE1": "Derby", "DE3": "Mickleover, Derby", "DE21": "Chaddesden, Derby",
    "DE22": "Allestree, Derby", "DE23": "Normanton, Derby", "DE24": "Alvaston, Derby",
    "DE4": "Matlock", "DE45": "Bakewell", "DE5": "Ripley", "DE55": "Alfreton",
    "DE56": "Belper", "DE6": "Ashbourne", "DE65": "Hilton", "DE7": "Ilkeston",
    "DE72": "Borrowash", "DE73": "Melbourne", "DE74": "Castle Donington", "DE75": "Heanor",
    "DE11": "Swadlincote", "DE12": "Overseal", "DE13": "Tatenhill", "DE15": "Stapenhill",
    "NG10": "Long Eaton", "NG16": "Codnor", "NG19": "Pleasley", "NG20": "Shirebrook",
    "S17": "Dore", "S18": "Dronfield", "S21": "Eckington", "S32": "Hathersage",
    "S33": "Hope", "S40": "Chesterfield", "S41": "Chesterfield", "S42": "Clay Cross",
    "S43": "Staveley", "S44": "Bolsover", "S45": "Clay Cross", "S80": "Whitwell",
    "SK12": "Disley", "SK13": "Glossop", "SK17": "Buxton", "SK22": "New Mills",
    "SK23": "Chapel-en-le-Frith",
}
OUT_OF_AREA = {"NG1": "Nottingham", "NG7": "Nottingham", "S1": "Sheffield", "S10": "Sheffield",
               "ST4": "Stoke-on-Trent", "LE1": "Leicester", "M1": "Manchester",
               "B1": "Birmingham", "DN1": "Doncaster"}
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
DRAMA_PHONE_RANGES = ["0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0", "0117 496 0",
                      "0118 496 0", "0121 496 0", "0131 496 0", "0141 496 0", "0151 496 0",
                      "0161 496 0", "0191 498 0", "020 7946 0", "029 2018 0", "01632 960",
                      "07700 900"]
REFERRERS = [("GP surgery", "GP"), ("GP surgery", "Practice nurse"),
             ("Hospital emergency department", "Nurse"),
             ("Police public protection unit", "Detective constable"),
             ("Sexual assault referral centre", "Crisis worker"),
             ("Children's social care", "Social worker"),
             ("Adult social care", "Social worker"),
             ("University wellbeing service", "Wellbeing adviser"),
             ("Domestic abuse service", "Outreach worker"),
             ("Secondary school", "Safeguarding lead"),
             ("Mental health crisis team", "Community psychiatric nurse"),
             ("Housing association", "Tenancy support officer")]
RELATIONSHIPS = ["ex-partner", "partner", "stepfather", "uncle", "former colleague",
                 "neighbour", "family friend", "ex-partner's brother", "ex-partner's mother",
                 "cousin", "acquaintance", "landlord"]
INTERACTIONS = ["Lives on the same estate as the person who harmed them.",
                "Shares care of their children with their ex-partner.",
                "Sees that family at the school gate most days.",
                "Works at the same site, on a different shift.",
                "Goes to the same place of worship as the person's family.",
                "Has blocked them online but mutual friends pass messages on."]
SAFE_TIMES = ["Weekdays after 3pm", "Mornings only", "Not at weekends",
              "Tuesdays and Thursdays", "Any time on the mobile", "Before 8am or after 6pm"]
NEEDS = ["Wants to understand the options for reporting.",
         "Struggling to sleep; would like counselling.",
         "Court date coming up; wants an ISVA.", "Would like someone to talk to on the phone.",
         "Wants help to tell their family.", "Finding work difficult at the moment."]


class People:
    """Pools of made-up details from Faker, sampled quickly. Names mostly from Faker's
    en_GB and en_NZ lists (weighted by how common each surname is, so a few are common and
    most are rare, as in a real caseload), with Irish, South Asian and other names that
    Derbyshire's communities have."""

    def __init__(self, seed: int):
        try:
            from faker import Faker
        except ImportError:  # pragma: no cover - faker is a dependency
            raise errors.SV2Error("Demonstration data needs the 'faker' package, which is "
                                  "not installed.") from None
        self.rng = random.Random(seed)
        fakes = {locale: Faker(locale) for locale in ("en_GB", "en_NZ", "en_IE", "en_IN")}
        for n, fake in enumerate(fakes.values()):
            fake.seed_instance(seed + n)
        lists = {locale: next(p for p in fake.providers if "person" in type(p).__module__)
                 for locale, fake in fakes.items()}
        surnames: dict[str, float] = {}
        for locale, share in (("en_NZ", 0.55), ("en_GB", 0.15), ("en_IE", 0.15),
                              ("en_IN", 0.12)):
            names = lists[locale].last_names
            weights = (dict(names) if hasattr(names, "items")
                       else {name: 1.0 for name in names})
            total = sum(weights.values())
            for name, weight in weights.items():
                if name.isalpha() or "'" in name or "-" in name:
                    surnames[name] = surnames.get(name, 0.0) + share * weight / total
        for name in INTERNATIONAL_LAST:
            surnames[name] = surnames.get(name, 0.0) + 0.03 / len(INTERNATIONAL_LAST)
        # As in England and Wales: about a fifth of people have one of the hundred most
        # common surnames (Smith about 1 in 80); the rest are spread over a long tail.
        ranked = sorted(surnames, key=lambda n: -surnames[n])
        self.common, self.rare = ranked[:100], sorted(ranked[100:])
        self._common_weights = list(itertools.accumulate(surnames[n] for n in self.common))

        def firsts(attribute: str) -> list[str]:
            found = []
            for locale, repeat in (("en_GB", 3), ("en_NZ", 3), ("en_IE", 1), ("en_IN", 1)):
                found += [n for n in dict.fromkeys(getattr(lists[locale], attribute))] * repeat
            return found
        self.women = firsts("first_names_female")
        self.men = firsts("first_names_male")
        nonbinary = fakes["en_GB"]
        self.nonbinary = list({nonbinary.first_name_nonbinary() for _ in range(1500)})
        # Numbers in Ofcom's ranges for drama (never anyone's): 1,000 per area code.
        self.phones = [f"{area}{number:03d}" for area in DRAMA_PHONE_RANGES
                       for number in range(1000)]
        self.domains = list({fakes["en_GB"].free_email_domain() for _ in range(50)})
        districts = json.loads(paths.resource("derbyshire-postcode-districts.json").read_text())
        self.wholly, self.partly = districts["wholly"], districts["partly"]

    def surname(self) -> str:
        if self.rng.random() < 0.2:
            point = self.rng.random() * self._common_weights[-1]
            return self.common[min(bisect.bisect_right(self._common_weights, point),
                                   len(self.common) - 1)]
        return self.pick(self.rare)

    def pick(self, items):
        return items[int(self.rng.random() * len(items))]

    def first_and_last(self, pool) -> tuple[str, str]:
        if self.rng.random() < 0.04:
            return self.pick(INTERNATIONAL_FIRST), self.surname()
        return self.pick(pool), self.surname()

    def postcode(self) -> tuple[str, str]:
        """(postcode, town): mostly Derbyshire, some districts on the border, some outside."""
        r = self.rng.random()
        if r < 0.82:
            district = self.pick(self.wholly)
        elif r < 0.93:
            district = self.pick(self.partly)
        else:
            district = self.pick(sorted(OUT_OF_AREA))
        town = TOWNS.get(district) or OUT_OF_AREA.get(district, "Derby")
        inward = (f"{self.rng.randint(1, 9)}{self.pick(INWARD_LETTERS)}"
                  f"{self.pick(INWARD_LETTERS)}")
        return f"{district} {inward}", town

    def address(self, town: str) -> str:
        street = f"{self.surname()} {self.pick(STREET_ENDINGS)}"
        if self.rng.random() < 0.15:
            return f"Flat {self.rng.randint(1, 40)}, {self.rng.randint(1, 200)} {street}\n{town}"
        return f"{self.rng.randint(1, 250)} {street}\n{town}"

    def email(self, first: str, last: str) -> str:
        local = "".join(ch for ch in f"{first}.{last}".lower() if ch.isascii() and
                        (ch.isalnum() or ch == "."))
        return f"{local}{self.rng.randint(1, 99)}@{self.pick(self.domains)}"


