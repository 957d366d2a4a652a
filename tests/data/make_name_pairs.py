"""Writes tests/data/name-pairs.csv: the labelled pairs the connection check is measured on.

Run ``python tests/data/make_name_pairs.py`` to rewrite it; the output is the same every
time (fixed seed). Every person is made up. The lists below were written for this set,
apart from the matcher: its variant file (resources/uk-name-variants.json) is not read
here, so nicknames the matcher does not know are in the set as they would be in life.

Categories:
  same_person   - one person written two ways (label same): nicknames, spellings, slips
                  of the keyboard, accents and punctuation, order, initials, middle names,
                  double-barrelled and married surnames, a date of birth against an age,
                  numbers written differently, a person of concern described in words;
  similar_names - different people whose names are alike (label different);
  family        - different people in one family: a shared surname, and often a shared
                  postcode and landline (label different).
Ages are as on 2024-06-01 (EVAL_ON in tests/policy/test_matching.py).
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).with_name("name-pairs.csv")
EVAL_ON = date(2024, 6, 1)
COLUMNS = ["category", "label", "left_name", "left_dob", "left_age", "left_phone",
           "left_postcode", "right_name", "right_dob", "right_age", "right_phone",
           "right_postcode", "what"]

# Forenames and surnames by where the family's names come from, so that most made-up
# people have names that go together (and some, as in life, do not).
NAMES = {
    "british": (
        ["James", "John", "David", "Michael", "Paul", "Andrew", "Mark", "Richard", "Peter",
         "Stephen", "Christopher", "Daniel", "Thomas", "Matthew", "Robert", "Gary", "Lee",
         "Craig", "Wayne", "Darren", "Jason", "Liam", "Ryan", "Connor", "Callum", "Jack",
         "Harry", "Oliver", "George", "Kieran", "Nathan", "Jamie", "Dean", "Shaun", "Carl",
         "Neil", "Simon", "Graham", "Keith", "Trevor", "Ian", "Kevin", "Alan", "Brian",
         "Luke", "Adam", "Scott"],
        ["Sarah", "Emma", "Claire", "Nicola", "Rachel", "Lisa", "Michelle", "Helen", "Karen",
         "Julie", "Joanne", "Amanda", "Louise", "Kelly", "Laura", "Gemma", "Hannah", "Sophie",
         "Chloe", "Jessica", "Amy", "Charlotte", "Rebecca", "Victoria", "Lauren", "Megan",
         "Olivia", "Emily", "Ellie", "Tracey", "Sharon", "Debbie", "Donna", "Angela", "Susan",
         "Margaret", "Patricia", "Jean", "Elizabeth", "Catherine", "Zoe", "Kirsty", "Leanne",
         "Stacey"],
        ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson",
         "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White",
         "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Jackson", "Wood",
         "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee",
         "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips",
         "Watson", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Cook",
         "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Miller", "Cox",
         "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Wilkinson", "Foster",
         "Chapman", "Powell", "Webb", "Rogers", "Mason", "Hunt", "Matthews", "Palmer",
         "Holmes", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Fisher", "Stevens",
         "Jenkins", "Dixon", "Pearson", "Fletcher", "Gibson", "Howard", "Elliott",
         "Reynolds", "Saunders", "Fox", "Bradley", "Dawson", "Burton", "Booth", "Armstrong",
         "Hudson", "Gregory", "Lowe", "Riley", "Parsons", "Greenwood", "Slater", "Hartley",
         "Bostock", "Wragg", "Goodall", "Eyre", "Needham", "Swindell", "Bagshaw", "Buxton"]),
    "welsh": (["Gareth", "Rhys", "Owen", "Dylan", "Dafydd", "Huw", "Aled"],
              ["Bethan", "Cerys", "Ffion", "Sian", "Rhian", "Nia"],
              ["Jones", "Davies", "Evans", "Griffiths", "Rees", "Owen", "Lloyd", "Price"]),
    "irish_scottish": (["Declan", "Sean", "Patrick", "Ciaran", "Euan", "Fraser", "Hamish",
                        "Conor"],
                       ["Niamh", "Siobhan", "Sinead", "Aoife", "Kathleen", "Fiona", "Eilidh"],
                       ["Murphy", "Kelly", "Walsh", "Ryan", "O'Brien", "McDonald",
                        "O'Connor", "Doyle", "Brennan", "MacLeod", "Fraser", "Campbell",
                        "Stewart", "Murray"]),
    "south_asian": (["Mohammed", "Imran", "Tariq", "Amir", "Sanjay", "Rajesh", "Gurpreet",
                     "Harjit", "Arjun", "Bilal"],
                    ["Aisha", "Fatima", "Priya", "Sunita", "Nasreen", "Shabana", "Gurpreet",
                     "Harpreet", "Anjali", "Samina"],
                    ["Patel", "Khan", "Singh", "Begum", "Ali", "Hussain", "Ahmed", "Kaur",
                     "Chaudhry", "Mahmood", "Sharma", "Gill", "Sandhu", "Bhatti", "Akhtar"]),
    "polish": (["Tomasz", "Piotr", "Marek", "Krzysztof", "Pawel"],
               ["Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Anna"],
               ["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kaminski"]),
    "west_african": (["Kwame", "Tunde", "Chinedu", "Kofi", "Emeka"],
                     ["Chioma", "Abena", "Ngozi", "Ama", "Folake"],
                     ["Okafor", "Mensah", "Adeyemi", "Owusu", "Okonkwo", "Boateng"]),
}
ORIGINS = list(NAMES)
ORIGIN_WEIGHTS = [70, 6, 8, 10, 3, 3]
MALE = sorted({n for m, _, _ in NAMES.values() for n in m})
FEMALE = sorted({n for _, f, _ in NAMES.values() for n in f})
SURNAMES = sorted({n for _, _, s in NAMES.values() for n in s})
# Derbyshire postcode districts, with a few from just over the border.
DISTRICTS = ["DE1", "DE3", "DE4", "DE5", "DE7", "DE11", "DE12", "DE21", "DE22", "DE23",
             "DE24", "DE55", "DE56", "DE65", "DE72", "DE73", "DE75", "S40", "S41", "S42",
             "S43", "S44", "S45", "S18", "SK13", "SK17", "SK22", "SK23", "NG10", "NG16"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# Nicknames and forms of forenames, as people give them (written for this set).
NICKNAMES = [("William", "Bill"), ("William", "Will"), ("Robert", "Bob"), ("Robert", "Rob"),
             ("Richard", "Rick"), ("Richard", "Dick"), ("James", "Jim"), ("James", "Jamie"),
             ("John", "Jack"), ("John", "Johnny"), ("Margaret", "Peggy"), ("Margaret", "Maggie"),
             ("Elizabeth", "Liz"), ("Elizabeth", "Beth"), ("Elizabeth", "Betty"),
             ("Catherine", "Kate"), ("Katherine", "Kathy"), ("Alexander", "Sandy"),
             ("Alexander", "Alex"), ("Alexandra", "Sandra"), ("Michael", "Mick"),
             ("Michael", "Mike"), ("Anthony", "Tony"), ("Thomas", "Tom"), ("Edward", "Ted"),
             ("David", "Dave"), ("David", "Dai"), ("Daniel", "Danny"), ("Samuel", "Sam"),
             ("Samantha", "Sammy"), ("Benjamin", "Ben"), ("Matthew", "Matt"), ("Andrew", "Andy"),
             ("Nicholas", "Nick"), ("Nicola", "Nicky"), ("Stephen", "Steve"), ("Peter", "Pete"),
             ("Patrick", "Paddy"), ("Patricia", "Trish"), ("Joseph", "Joe"), ("Joanne", "Jo"),
             ("Christopher", "Chris"), ("Christine", "Chrissie"), ("Frederick", "Fred"),
             ("Henry", "Harry"), ("Charles", "Charlie"), ("Charlotte", "Lottie"),
             ("Francis", "Frank"), ("Lawrence", "Larry"), ("Leonard", "Len"),
             ("Raymond", "Ray"), ("Kenneth", "Ken"), ("Terence", "Terry"), ("Gareth", "Gaz"),
             ("Sharon", "Shaz"), ("Deborah", "Debbie"), ("Rebecca", "Becky"),
             ("Victoria", "Vicky"), ("Jennifer", "Jenny"), ("Susan", "Sue"), ("Gillian", "Jill"),
             ("Jacqueline", "Jackie"), ("Natasha", "Tash"), ("Abigail", "Abby"),
             ("Mohammed", "Mo"), ("Muhammad", "Mohammed"), ("Krzysztof", "Chris"),
             ("Wojciech", "Wojtek"), ("Katarzyna", "Kasia"), ("Małgorzata", "Gosia"),
             ("Dafydd", "Dai"), ("Hamish", "James"), ("Siobhan", "Shiv"),
             ("Babatunde", "Tunde"), ("Oluwaseun", "Seun"), ("Kathleen", "Kath"),
             ("Leslie", "Les"), ("Dorothy", "Dot"), ("Bernard", "Bernie"),
             ("Gerald", "Gerry"), ("Timothy", "Tim"), ("Philip", "Phil"), ("Douglas", "Doug"),
             ("Isabel", "Izzy"), ("Eleanor", "Ellie"), ("Theodore", "Theo"), ("Zachary", "Zac"),
             # not in every list: short forms people still use
             ("Bethany", "Beth"), ("Kimberley", "Kim"), ("Jonathan", "Jon"),
             ("Stuart", "Stu"), ("Trevor", "Trev"), ("Maureen", "Mo"), ("Marjorie", "Madge"),
             ("Annabelle", "Belle"), ("Jacob", "Jake"), ("Joshua", "Josh")]
FORENAME_SPELLINGS = [("Steven", "Stephen"), ("Jon", "John"), ("Katherine", "Catherine"),
                      ("Sean", "Shaun"), ("Sean", "Shawn"), ("Zoe", "Zoë"), ("Sophie", "Sofie"),
                      ("Rachel", "Rachael"), ("Philip", "Phillip"), ("Geoffrey", "Jeffrey"),
                      ("Deborah", "Debra"), ("Claire", "Clare"), ("Lindsay", "Lindsey"),
                      ("Tracey", "Tracy"), ("Leanne", "Lianne"), ("Mohammed", "Muhammad"),
                      ("Mohammed", "Mohamed"), ("Aisha", "Ayesha"), ("Niamh", "Neve"),
                      ("Ciaran", "Kieran"), ("Graham", "Graeme"), ("Ian", "Iain"),
                      ("Lewis", "Louis"), ("Alan", "Allan"), ("Brian", "Bryan"),
                      ("Carl", "Karl"), ("Anne", "Ann"), ("Hayley", "Haley"),
                      ("Kirsty", "Kirstie"), ("Marc", "Mark"), ("Nathan", "Nathen"),
                      ("Stacey", "Stacy"), ("Jayne", "Jane"), ("Vicki", "Vicky"),
                      ("Chloe", "Chloë"), ("Renée", "Renee"), ("Joao", "João")]
SURNAME_SPELLINGS = [("Smith", "Smyth"), ("Thompson", "Thomson"), ("Phillips", "Philips"),
                     ("MacDonald", "McDonald"), ("Clarke", "Clark"), ("Davies", "Davis"),
                     ("Matthews", "Mathews"), ("Stevens", "Stephens"), ("O'Neill", "O'Neil"),
                     ("Grey", "Gray"), ("Browne", "Brown"), ("Greene", "Green"),
                     ("Mackenzie", "McKenzie"), ("Hussain", "Hussein"), ("Mohammed", "Muhammad"),
                     ("Chaudhry", "Choudhury"), ("Reid", "Reed"), ("Harris", "Harriss"),
                     ("Wragg", "Ragg"), ("Eyre", "Ayre"), ("Jeffries", "Jefferies"),
                     ("Hartley", "Heartley"), ("Kowalski", "Kowalsky"), ("Wiśniewski", "Wisniewski"),
                     ("Nowak", "Novak"), ("Fraser", "Frazer"), ("Sandhu", "Sandu"),
                     ("Bhatti", "Bhatty"), ("Shepherd", "Shepard"), ("Rodgers", "Rogers"),
                     ("Allen", "Allan"), ("Bostock", "Bostick"), ("Swindell", "Swindel"),
                     ("MacLeod", "McLeod"), ("O'Brien", "O'Brian"), ("Adeyemi", "Adeyemo")]
# Alike in writing, different names (and different people).
SIMILAR_SURNAMES = [("Smith", "Smithson"), ("Thompson", "Thomas"), ("Harris", "Harrison"),
                    ("Roberts", "Robertson"), ("Johnson", "Johnston"), ("Wilson", "Willson"),
                    ("Richards", "Richardson"), ("Simpson", "Simmons"), ("Hall", "Hill"),
                    ("Ward", "Wood"), ("Khan", "Kahn"), ("Moore", "Moorhouse"), ("Gill", "Gell"),
                    ("Walker", "Walters"), ("Evans", "Evens"), ("Mason", "Masters"),
                    ("Lowe", "Lowes"), ("Baker", "Barker"), ("Holmes", "Holme"),
                    ("Fisher", "Fischer"), ("Bell", "Bull"), ("Rees", "Reece"),
                    ("Bailey", "Baillie"), ("Cook", "Cooke"), ("Jenkins", "Jenkinson")]
SIMILAR_FORENAMES = [("Daniel", "Danielle"), ("Paul", "Paula"), ("Joan", "John"),
                     ("Robert", "Roberta"), ("Francis", "Frances"), ("Michael", "Michaela"),
                     ("Louis", "Louise"), ("Marie", "Maria"), ("Christian", "Christina"),
                     ("Carl", "Carla"), ("Gary", "Garry"), ("Martin", "Martina"),
                     ("Dean", "Deanna"), ("Eric", "Erica"), ("Jason", "Jayden"),
                     ("Ellie", "Ella"), ("Aaron", "Adam"), ("Kayleigh", "Kylie"),
                     ("Jade", "Jane"), ("Leon", "Lee"), ("Karen", "Karin")]
KEYBOARD = {c: n for c, n in zip("qwertyuiopasdfghjklzxcvbnm",
                                 "wqrtyuiopoadfghjkllxcvbnmn")}


class Maker:
    def __init__(self, seed: int = 20240601):
        self.rng = random.Random(seed)
        self.rows: list[dict] = []

    # -- people --
    # The last surname made: a forename made after it usually goes with it.
    origin = "british"

    def forename(self, gender: str | None = None) -> str:
        gender = gender or self.rng.choice("mf")
        origin = self.origin if self.rng.random() < 0.85 else \
            self.rng.choices(ORIGINS, ORIGIN_WEIGHTS)[0]
        male, female, _ = NAMES[origin]
        return self.rng.choice(male if gender == "m" else female)

    def surname(self) -> str:
        self.origin = self.rng.choices(ORIGINS, ORIGIN_WEIGHTS)[0]
        return self.rng.choice(NAMES[self.origin][2])

    def dob(self, low: int = 1950, high: int = 2006) -> date:
        return date(low, 1, 1) + timedelta(days=self.rng.randrange((high - low) * 365))

    def mobile(self) -> str:
        return f"07{self.rng.randrange(100, 999)} {self.rng.randrange(100000, 999999)}"

    def landline(self) -> str:
        return f"01{self.rng.choice(['332', '246', '298', '335', '629', '773'])} " \
               f"{self.rng.randrange(200000, 999999)}"

    def postcode(self, district: str | None = None) -> str:
        district = district or self.rng.choice(DISTRICTS)
        return (f"{district} {self.rng.randrange(1, 10)}"
                f"{self.rng.choice(INWARD_LETTERS)}{self.rng.choice(INWARD_LETTERS)}")

    def details(self, p: float = 0.5) -> dict:
        """Some of dob / phone / postcode, each known with probability about p."""
        d = {}
        if self.rng.random() < p:
            d["dob"] = self.dob()
        if self.rng.random() < p * 0.6:
            d["phone"] = self.mobile()
        if self.rng.random() < p:
            d["postcode"] = self.postcode()
        return d

    def add(self, category: str, label: str, left: str, right: str, what: str,
            left_details: dict | None = None, right_details: dict | None = None) -> None:
        row = {"category": category, "label": label, "left_name": left, "right_name": right,
               "what": what}
        for side, d in (("left", left_details or {}), ("right", right_details or {})):
            row[f"{side}_dob"] = d["dob"].isoformat() if d.get("dob") else ""
            row[f"{side}_age"] = str(d["age"]) if d.get("age") is not None else ""
            row[f"{side}_phone"] = d.get("phone", "")
            row[f"{side}_postcode"] = d.get("postcode", "")
        self.rows.append(row)

    # -- what one side knows of the other's details --
    def shared(self, d: dict, keep: float = 0.6) -> dict:
        """The other record of the same person: each detail kept, dropped, or written
        differently (an age for a date of birth, a phone or postcode formatted again)."""
        out = {}
        for key, value in d.items():
            roll = self.rng.random()
            if roll > keep:
                continue
            if key == "dob" and self.rng.random() < 0.3:
                out["age"] = age_on(value, EVAL_ON) + self.rng.choice([-1, 0, 0, 1])
            elif key == "phone" and self.rng.random() < 0.4:
                digits = value.replace(" ", "")
                out[key] = self.rng.choice([digits, "+44 " + digits[1:5] + " " + digits[5:],
                                            digits[:5] + "-" + digits[5:]])
            elif key == "postcode" and self.rng.random() < 0.4:
                out[key] = self.rng.choice([value.replace(" ", ""), value.lower()])
            else:
                out[key] = value
        return out

    def typo(self, word: str) -> str:
        letters = list(word)
        i = self.rng.randrange(1, len(letters) - 1) if len(letters) > 2 else 0
        kind = self.rng.choice(["swap", "drop", "double", "key"])
        if kind == "swap" and i + 1 < len(letters):
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
        elif kind == "drop":
            del letters[i]
        elif kind == "double":
            letters.insert(i, letters[i])
        else:
            c = letters[i].lower()
            letters[i] = KEYBOARD.get(c, c)
        return "".join(letters)


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def same_person(m: Maker) -> None:
    rng = m.rng
    cat = "same_person"
    for full, nick in rng.sample(NICKNAMES, 60):
        s = m.surname()
        d = m.details(0.45)
        m.add(cat, "same", f"{full} {s}", f"{nick} {s}", "nickname or short form", d,
              m.shared(d))
    for a, b in rng.sample(FORENAME_SPELLINGS, 25):
        s = m.surname()
        d = m.details(0.4)
        m.add(cat, "same", f"{a} {s}", f"{b} {s}", "forename spelt differently", d, m.shared(d))
    for a, b in rng.sample(SURNAME_SPELLINGS, 25):
        f = m.forename()
        d = m.details(0.4)
        m.add(cat, "same", f"{f} {a}", f"{f} {b}", "surname spelt differently", d, m.shared(d))
    for _ in range(25):
        s, f = m.surname(), m.forename()
        d = m.details(0.4)
        if rng.random() < 0.5 and len(s.replace("'", "")) > 3:
            right = f"{f} {m.typo(s.replace(chr(39), ''))}"
        else:
            right = f"{m.typo(f)} {s}"
        m.add(cat, "same", f"{f} {s}", right, "a slip of the keyboard", d, m.shared(d))
    for _ in range(20):
        s, f = m.surname(), m.forename()
        d = m.details(0.4)
        style = rng.choice(["upper_comma", "lower", "title", "order", "spaces", "accent"])
        right = {"upper_comma": f"{s.upper()}, {f}", "lower": f"{f.lower()} {s.lower()}",
                 "title": f"{rng.choice(['Mr', 'Mrs', 'Ms', 'Miss'])} {f} {s}",
                 "order": f"{s} {f}", "spaces": f"  {f}   {s} ",
                 "accent": f"{f} {s}".replace("e", "é", 1)}[style]
        m.add(cat, "same", f"{f} {s}", right, f"written another way ({style})", d, m.shared(d))
    for _ in range(14):
        s, f = m.surname(), m.forename()
        d = m.details(0.7)
        initial = f[0] + rng.choice([".", ""])
        right_d = m.shared(d, keep=0.8)
        m.add(cat, "same", f"{f} {s}", f"{initial} {s}", "initial for the forename", d,
              right_d)
    for _ in range(14):
        s = m.surname()
        first, middle = m.forename("m"), m.forename("m")
        if rng.random() < 0.5:
            first, middle = m.forename("f"), m.forename("f")
        d = m.details(0.4)
        right = rng.choice([f"{middle} {s}", f"{first} {s}", f"{first} {middle[0]} {s}"])
        m.add(cat, "same", f"{first} {middle} {s}", right, "middle name used or left out",
              d, m.shared(d))
    for _ in range(14):
        s1, s2 = m.surname(), m.surname()
        f = m.forename("f")
        d = m.details(0.4)
        left = rng.choice([f"{f} {s1}-{s2}", f"{f} {s1} {s2}"])
        m.add(cat, "same", left, f"{f} {rng.choice([s1, s2])}", "double-barrelled surname",
              d, m.shared(d))
    for _ in range(12):
        s1, s2 = m.surname(), m.surname()
        f = m.forename("f")
        d = {"dob": m.dob(), "phone": m.mobile(), "postcode": m.postcode()}
        right = m.shared(d, keep=0.7)
        if not right.get("dob") and not right.get("phone"):
            right["dob"] = d["dob"]
        m.add(cat, "same", f"{f} {s1}", f"{f} {s2}", "surname changed (marriage), details match",
              d, right)
    for _ in range(12):
        s, f = m.surname(), m.forename()
        born = m.dob()
        swapped = (date(born.year, born.day, born.month) if born.day <= 12
                   and born.day != born.month else born.replace(year=born.year + 1))
        m.add(cat, "same", f"{f} {s}", f"{f} {s}", "date of birth with a slip",
              {"dob": born}, {"dob": swapped, "postcode": m.postcode()})
    # People of concern as a client describes them.
    described = [("David Hughes", "Dave Hughes (ex-partner)"), ("Anthony Marsh", "Tony Marsh"),
                 ("Michael O'Connor", "Mick O'Connor, her stepdad"),
                 ("Robert Slater", "Uncle Bob Slater"), ("Wayne Bagshaw", "Wayne Bagshaw Jnr"),
                 ("Imran Chaudhry", "Mr I Chaudhry"), ("Craig Needham", "Craig 'Needo' Needham"),
                 ("Steven Wragg", "Steve Wragg aka Wraggy"), ("Paul Eyre", "Paul Eyre (Sr)"),
                 ("Kevin Buxton", "Kev Buxton from the pub"), ("Lee Goodall", "Lee Goodall?"),
                 ("Tomasz Nowak", "Tomek Nowak"), ("Kwame Mensah", "Mr K. Mensah"),
                 ("Darren Swindell", "Daz Swindell")]
    for left, right in described:
        d = m.details(0.5)
        r = m.shared(d)
        if rng.random() < 0.5 and d.get("dob"):
            r.pop("dob", None)
            r["age"] = age_on(d["dob"], EVAL_ON) + rng.choice([-2, 0, 1, 3])
        m.add(cat, "same", left, right, "person of concern as described by a client", d, r)


def similar_names(m: Maker) -> None:
    rng = m.rng
    cat = "similar_names"
    for a, b in SIMILAR_SURNAMES:
        f = m.forename()
        m.add(cat, "different", f"{f} {a}", f"{f} {b}", "surnames alike, not the same",
              {"dob": m.dob(), "postcode": m.postcode()},
              {"dob": m.dob(), "postcode": m.postcode()} if rng.random() < 0.7
              else {"age": rng.randrange(18, 70), "postcode": m.postcode()})
    for a, b in SIMILAR_FORENAMES:
        s = m.surname()
        left = {"dob": m.dob(), "postcode": m.postcode()}
        right = {"dob": m.dob()} if rng.random() < 0.6 else {"postcode": m.postcode()}
        m.add(cat, "different", f"{a} {s}", f"{b} {s}", "forenames alike, not the same",
              left, right)
    for _ in range(40):
        s, f = m.surname(), m.forename()
        a, b = m.dob(1940, 1975), m.dob(1978, 2006)
        left, right = {"dob": a}, {"dob": b} if rng.random() < 0.6 else \
            {"age": age_on(b, EVAL_ON)}
        if rng.random() < 0.5:
            left["postcode"], right["postcode"] = m.postcode(), m.postcode()
        m.add(cat, "different", f"{f} {s}", f"{f} {s}", "same name, a different generation",
              left, right)
    for _ in range(25):
        s, f = m.surname(), m.forename()
        b = m.dob(1960, 2000)
        other = b + timedelta(days=rng.randrange(60, 2500))
        m.add(cat, "different", f"{f} {s}", f"{f} {s}", "same name, different date of birth",
              {"dob": b, "phone": m.mobile()}, {"dob": other, "postcode": m.postcode()})
    for _ in range(20):
        s = m.surname()
        f1, f2 = m.forename(), m.forename()
        while f1 == f2:
            f2 = m.forename()
        m.add(cat, "different", f"{f1} {s}", f"{f2} {s}", "same surname, unrelated",
              {"postcode": m.postcode(), "dob": m.dob()}, {"postcode": m.postcode()})
    for _ in range(15):
        s1, s2 = m.surname(), m.surname()
        f = m.forename()
        district = rng.choice(DISTRICTS)
        m.add(cat, "different", f"{f} {s1}", f"{f} {s2}", "same forename, same district",
              {"postcode": m.postcode(district)},
              {"postcode": m.postcode(district), "age": rng.randrange(18, 70)})


def family(m: Maker) -> None:
    rng = m.rng
    cat = "family"
    for _ in range(125):
        s = m.surname()
        home, landline = m.postcode(), m.landline()
        kind = rng.choice(["parent", "parent", "sibling", "sibling", "spouse", "twin",
                           "junior", "cousin"])
        g1, g2 = rng.choice("mf"), rng.choice("mf")
        f1, f2 = m.forename(g1), m.forename(g2)
        while f2 == f1 or f2[0] == f1[0] and rng.random() < 0.5:
            f2 = m.forename(g2)
        if kind == "parent":
            b1 = m.dob(1950, 1975)
            b2 = b1 + timedelta(days=rng.randrange(20 * 365, 38 * 365))
        elif kind == "sibling":
            b1 = m.dob(1965, 2000)
            b2 = b1 + timedelta(days=rng.randrange(330, 12 * 365))
        elif kind == "spouse":
            b1 = m.dob(1950, 1995)
            b2 = b1 + timedelta(days=rng.randrange(-6 * 365, 6 * 365))
        elif kind == "twin":
            b1 = b2 = m.dob(1970, 2004)
        elif kind == "junior":
            f2 = f1
            b1 = m.dob(1950, 1970)
            b2 = b1 + timedelta(days=rng.randrange(22 * 365, 35 * 365))
        else:  # cousin: same surname, another house in the same town
            b1, b2 = m.dob(1960, 2000), m.dob(1960, 2000)
        left = {"dob": b1, "postcode": home}
        right = {"postcode": home if kind != "cousin" else m.postcode(home.split()[0])}
        if rng.random() < 0.7:
            right["dob"] = b2
        else:
            right["age"] = age_on(b2, EVAL_ON)
        if kind != "cousin" and rng.random() < 0.5:
            left["phone"] = right["phone"] = landline
        right_name = f"{f2} {s}" + (" Jnr" if kind == "junior" and rng.random() < 0.5 else "")
        m.add(cat, "different", f"{f1} {s}", right_name, kind, left, right)


def main() -> None:
    m = Maker()
    same_person(m)
    similar_names(m)
    family(m)
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(m.rows)
    print(f"wrote {len(m.rows)} pairs to {OUT}")


if __name__ == "__main__":
    main()
