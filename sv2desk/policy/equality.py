"""Equality monitoring: the questions asked at the initial options assessment, with their
answers as the service's funders count them (the ONS 2021 census wording for England).

Every question is optional and every one offers "Prefer not to say": nothing here is ever
required, and an unanswered question is simply not recorded. The answers are seen only by
the worker on the case and managers, and reach funders only as counts (policy/disclosure.py
keeps any count under 5 from being shown).

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

PREFER_NOT = "prefer_not_to_say"
PREFER_NOT_LABEL = "Prefer not to say"
NOT_RECORDED = "Not recorded"

# ONS 2021 census, England: "What is your ethnic group?" (group, then the category).
ETHNIC_GROUPS = {
    "asian": "Asian, Asian British or Asian Welsh",
    "black": "Black, Black British, Black Welsh, Caribbean or African",
    "mixed": "Mixed or Multiple ethnic groups",
    "white": "White",
    "other": "Other ethnic group",
}
ETHNICITY = {
    "asian_bangladeshi": ("asian", "Bangladeshi"),
    "asian_chinese": ("asian", "Chinese"),
    "asian_indian": ("asian", "Indian"),
    "asian_pakistani": ("asian", "Pakistani"),
    "asian_other": ("asian", "Any other Asian background"),
    "black_african": ("black", "African"),
    "black_caribbean": ("black", "Caribbean"),
    "black_other": ("black", "Any other Black, Black British or Caribbean background"),
    "mixed_white_asian": ("mixed", "White and Asian"),
    "mixed_white_black_african": ("mixed", "White and Black African"),
    "mixed_white_black_caribbean": ("mixed", "White and Black Caribbean"),
    "mixed_other": ("mixed", "Any other Mixed or Multiple ethnic background"),
    "white_british": ("white", "English, Welsh, Scottish, Northern Irish or British"),
    "white_irish": ("white", "Irish"),
    "white_gypsy_traveller": ("white", "Gypsy or Irish Traveller"),
    "white_roma": ("white", "Roma"),
    "white_other": ("white", "Any other White background"),
    "other_arab": ("other", "Arab"),
    "other_any": ("other", "Any other ethnic group"),
}

# ONS 2021: long-term physical or mental health conditions, and whether they limit
# day-to-day activities (the Equality Act's definition of disability).
DISABILITY = {
    "limited_a_lot": "Yes, my day-to-day activities are limited a lot",
    "limited_a_little": "Yes, my day-to-day activities are limited a little",
    "not_limited": "I have a condition, but it does not limit my day-to-day activities",
    "no": "No",
}

# ONS 2021 (asked of people aged 16 and over in the census; offered to everyone here, and
# always optional).
SEXUAL_ORIENTATION = {
    "straight": "Straight or heterosexual",
    "gay_lesbian": "Gay or lesbian",
    "bisexual": "Bisexual",
    "other": "Another sexual orientation",
}

# ONS 2021: "What is your religion?"
RELIGION = {
    "none": "No religion",
    "christian": "Christian",
    "buddhist": "Buddhist",
    "hindu": "Hindu",
    "jewish": "Jewish",
    "muslim": "Muslim",
    "sikh": "Sikh",
    "other": "Any other religion",
}

# Age bands as the service's funders ask for them (children and young people first).
AGE_BANDS = {
    "under_13": "12 or under",
    "13_17": "13 to 17",
    "18_24": "18 to 24",
    "25_34": "25 to 34",
    "35_44": "35 to 44",
    "45_54": "45 to 54",
    "55_64": "55 to 64",
    "65_over": "65 or over",
}
_AGE_LIMITS = (("under_13", 12), ("13_17", 17), ("18_24", 24), ("25_34", 34), ("35_44", 44),
               ("45_54", 54), ("55_64", 64), ("65_over", 200))

GENDER = {
    "woman": "Woman or girl",
    "man": "Man or boy",
    "non_binary": "Non-binary",
    "another": "Another gender identity",
}
# ONS 2021: "Is the gender you identify with the same as your sex registered at birth?"
TRANS = {
    "same": "Yes, the same",
    "different": "No, different",
}

# question -> (what is asked, its answers). "Prefer not to say" is added to every one.
QUESTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "ethnicity": ("What is your ethnic group?",
                  {code: label for code, (_, label) in ETHNICITY.items()}),
    "disability": ("Do you have any physical or mental health conditions or illnesses "
                   "lasting or expected to last 12 months or more, and do they limit your "
                   "day-to-day activities?", DISABILITY),
    "sexual_orientation": ("Which of these best describes your sexual orientation?",
                           SEXUAL_ORIENTATION),
    "religion": ("What is your religion?", RELIGION),
    "age_band": ("What is your age?", AGE_BANDS),
    "gender": ("What is your gender?", GENDER),
    "trans": ("Is the gender you identify with the same as your sex registered at birth?",
              TRANS),
}


def answers(question: str) -> dict[str, str]:
    """The answers offered for ``question``, "Prefer not to say" last."""
    return QUESTIONS[question][1] | {PREFER_NOT: PREFER_NOT_LABEL}


def label(question: str, code: str) -> str:
    if not code:
        return NOT_RECORDED
    return answers(question).get(code, NOT_RECORDED)


def ethnic_group_label(code: str) -> str:
    """The ONS group an answer falls in (how returns count it), or what was said instead."""
    if not code:
        return NOT_RECORDED
    if code == PREFER_NOT:
        return PREFER_NOT_LABEL
    group = ETHNICITY.get(code)
    return ETHNIC_GROUPS[group[0]] if group else NOT_RECORDED


def age_band_for(age: int | None) -> str:
    """The band an age in years falls in ("" when not known)."""
    if age is None or age < 0:
        return ""
    return next(code for code, top in _AGE_LIMITS if age <= top)
