"""Round 8 of held-out safety phrasings (issue 9 item 9), written before reading the rules.

Run ``PYTHONPATH=. .venv/bin/python -m tests.safety_round8`` for the numbers (redirected, false alarms, right
category) in patient and clinician modes. The same lists are regression cases in test_safety.py.

The round aims at recall on situations that round 7's notes leave without rules (acute urinary retention, a
penetrating eye injury, sudden loss of vision, an infant who is not feeding) and on situations that earlier rounds
did not cover or covered in other words: testicular torsion, ectopic pregnancy, cauda equina, a stroke in a young
adult, a GI bleed with black stools, DKA (one euglycaemic), anaphylaxis in adults, an overdose of a household
medicine (iron, digoxin), heat stroke, a spinal injury after a fall or a dive, acute limb ischaemia, status
epilepticus, fever in a baby under three months, and suicidal intent said indirectly. The wording mixes lay and
clinician phrasing, typos, long chatty messages and reports about someone else. Each red flag names the expected
category; a tuple of names means any of them is right. A situation without a category names the one it should get
plus the nearest existing ones.
"""

from __future__ import annotations

from tests import safety_scoring as scoring

RED_FLAGS_ROUND8: list[tuple[str, str | tuple[str, ...]]] = [
    # acute urinary retention
    (
        "sorry this is a long one, my dad is 78 and has had prostate trouble for years, we were out for his "
        "birthday meal last night and since then he hasnt been able to pass any water at all, his lower belly is "
        "swollen and hard and hes in a lot of pain, he keeps trying but nothing comes",
        ("urinary_retention", "severe_pain"),
    ),
    (
        "district nurse: 84M at home, no urine output for 14 hrs despite trying, palpable distended bladder to the "
        "umbilicus, very distressed",
        ("urinary_retention",),
    ),
    # a penetrating eye injury
    (
        "was hammering a masonry nail and a sliver of metal flew into my eye, theres a tiny cut on the eyeball "
        "itself and the vision in that eye has gone blurry",
        ("eye_injury",),
    ),
    (
        "my son got poked in the eye with a sharp stick at the park, the dark middle bit of his eye looks a weird "
        "teardrop shape and clear stuff is leaking out",
        ("eye_injury",),
    ),
    # sudden loss of vision
    (
        "woke up this morning and i cant see a thing out of my right eye, its like a black curtain has come down "
        "over it, doesnt hurt at all",
        ("sudden_vision_loss", "stroke"),
    ),
    (
        "optometrist here, 71F in my chair now, sudden painless loss of vision L eye 1 hr ago, 2 weeks of jaw "
        "claudication and scalp tenderness",
        ("sudden_vision_loss", "stroke"),
    ),
    # an infant not feeding
    (
        "my 2 week old hasnt fed since about 6 this morning, hes really hard to wake up and feels all limp when i "
        "pick him up",
        ("infant_unwell", "sepsis_child", "unconscious"),
    ),
    (
        "hi, my baby girl is 5 weeks old, shes refused every bottle today, barely 2oz since breakfast, and now shes "
        "grunting with every breath and her skin looks blotchy",
        ("infant_unwell", "sepsis_child", "breathing"),
    ),
    # fever in a baby under three months
    (
        "my daughter is 6 weeks old and her temperature is 38.3 under the arm, she seems a bit sleepier than "
        "usual but otherwise ok, can i just give calpol and wait till morning?",
        ("sepsis_child", "infant_unwell"),
    ),
    (
        "health visitor: 3 week old on my home visit just now, axillary temp 38.5, mum says feeding less",
        ("sepsis_child", "infant_unwell"),
    ),
    # testicular torsion
    (
        "sorry tmi, my right nut started killing me out of nowhere about an hour ago and now its pulled right up "
        "tight, been sick twice",
        "testicular_torsion",
    ),
    (
        "GP: 13M in surgery now, acute onset L scrotal pain 2h, absent cremasteric reflex, horizontal lie",
        "testicular_torsion",
    ),
    # ectopic pregnancy
    (
        "pregnancy test came up with two lines last week, tonight i've got a sharp pain in the right of my pelvis, "
        "my shoulder hurts when i lie down and i feel like im going to pass out",
        "ectopic_pregnancy",
    ),
    # cauda equina
    (
        "ive had a dodgy back for years but since yesterday both my legs feel weak, theres no feeling round my back "
        "passage and i havent been able to wee properly all day",
        "cauda_equina",
    ),
    # a stroke in a young adult
    (
        "my wife is only 32, she was at the gym and suddenly said she was seeing double, now she cant walk straight "
        "and her words are slurry, she's too young for a stroke isnt she?",
        "stroke",
    ),
    (
        "im 26 and cricked my neck badly at yoga yesterday, now the right side of my face is droopy and my right "
        "hand keeps dropping things",
        "stroke",
    ),
    # a GI bleed with black stools
    (
        "been doing poos that are jet black like tar for 2 days, i take ibuprofen every day for my knees and now i "
        "go woozy whenever i stand up",
        ("gi_bleeding", "bleeding"),
    ),
    # DKA
    (
        "my lads 12 and type one, hes been sick since lunch, his breath smells like nail varnish remover and hes "
        "breathing really heavy and slow",
        "dka",
    ),
    (
        "pharmacist: T1DM pt on dapagliflozin, glucose only 11 but blood ketones 5.8, vomiting and tachypnoeic at "
        "the counter now",
        "dka",
    ),
    # anaphylaxis in adults
    (
        "im 45 and had prawns at a work do, my throat feels like its closing up, im covered in welts and i feel faint",
        "anaphylaxis",
    ),
    (
        "dentist: pt had IV antibiotic 10 min ago, now generalised urticaria, wheeze and BP 78/40",
        "anaphylaxis",
    ),
    # an overdose of a household medicine
    (
        "my toddler got into the kitchen cupboard and has chewed through most of a strip of my iron tablets, "
        "maybe 10 of them",
        "overdose",
    ),
    (
        "my mum is 80 with dementia and i think shes taken the whole week of her digoxin out of the dosette box "
        "at once, shes being sick and says everything looks yellow",
        "overdose",
    ),
    # heat stroke
    (
        "my grandad has been out in the garden all afternoon in this heatwave, hes red hot to touch, talking "
        "gibberish and cant stand up",
        ("heat_stroke", "unconscious"),
    ),
    # a spinal injury after a fall or a dive
    (
        "my teenage son dived into the shallow end and hit the bottom, now he says he has pins and needles in "
        "both arms and cant move his legs properly",
        ("spinal_injury", "major_trauma", "drowning"),
    ),
    (
        "mum fell down the stairs, shes lying at the bottom saying her neck really hurts and she cant feel her "
        "feet, should i sit her up?",
        ("spinal_injury", "major_trauma"),
    ),
    # acute limb ischaemia
    (
        "my left leg suddenly went icy and mottled about 2 hours ago, its agony and i cant wiggle my toes, i have "
        "an irregular heartbeat",
        "limb_ischaemia",
    ),
    # status epilepticus
    (
        "my daughters been having a seizure for about 8 minutes now and her buccal midazolam hasnt worked",
        "seizure",
    ),
    # suicidal intent said indirectly
    (
        "ive found my dog a new home with my sister and sorted out all my passwords so nobody has to deal with it "
        "after, tonight it will be easier for everyone",
        "suicide",
    ),
    (
        "i just want to go to sleep and never wake up, i've got all my tablets counted out on the table in front of me",
        ("suicide", "overdose"),
    ),
]

# Matched look-alikes: the same topics and words, but prevention, education, past or resolved, or trivially benign.
LOOK_ALIKES_ROUND8: list[str] = [
    "my dad has an enlarged prostate and gets up 3 times a night to wee, is tamsulosin worth trying?",
    "after my epidural i couldnt pee for a few hours and they used a catheter, is that common?",
    "i got a bit of sawdust in my eye yesterday, flushed it out and its only a little scratchy now, is that normal?",
    "what safety glasses should i wear when using an angle grinder?",
    "my vision goes black for a second when i stand up too fast, is that just low blood pressure?",
    "what is the difference between giant cell arteritis and polymyalgia rheumatica?",
    "what does it mean when people describe a curtain coming down over their vision?",
    "my 2 week old feeds every 2 hours and is very sleepy between feeds, is that normal for a breastfed baby?",
    "my 5 week old grunts in her sleep but feeds well and is gaining weight, should i worry?",
    "what temperature counts as a fever in a newborn?",
    "my baby had her 8 week jabs this morning and is a bit grizzly with a temp of 37.6, is that a normal reaction?",
    "my right testicle hangs lower than my left, is that normal?",
    "what is a bell clapper deformity?",
    "i had a positive test last week and have mild period-like cramps with no bleeding, is that normal this early?",
    "can sciatica cause a bit of numbness in the foot? mine has been mild for a month",
    "my friend had a stroke at 29 last year, what are the usual causes of stroke in young people?",
    "is double vision at the end of a long day on the computer just eye strain?",
    "my poo has gone black since i started taking pepto bismol, is that the bismuth?",
    "my son is type one and his ketones were 0.4 this morning, is he ok to go to school?",
    "what is euglycaemic DKA and which drugs cause it?",
    "i had mildly itchy lips after prawns last year, should i get allergy tested before my holiday?",
    "how long should a patient be observed after anaphylaxis in a dental surgery?",
    "how many iron tablets are dangerous for a child? we keep ours in a locked cupboard",
    "my mum is on digoxin, what side effects should we look out for?",
    "how can i keep my grandad cool during a heatwave?",
    "my mum slipped down the last two stairs last week, her neck was stiff for a day but she's fine now, can she "
    "take ibuprofen?",
    "my toes always go white and cold in winter then red when they warm up, is that raynauds?",
    "my daughter has epilepsy, how long should a seizure last before we give her buccal midazolam?",
    "im having surgery next week and have sorted my will and passwords just in case, what else should i organise?",
    "i count out my tablets into a weekly pill organiser, is it ok to keep it in the bathroom?",
]


def evaluate() -> dict[str, dict[str, object]]:
    """Counts per audience (the shared loop in tests/safety_scoring.py); lists the misses."""
    return scoring.evaluate(RED_FLAGS_ROUND8, LOOK_ALIKES_ROUND8)


if __name__ == "__main__":
    scoring.main(evaluate())
