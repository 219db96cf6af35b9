"""Round 7 of held-out safety phrasings (issue 9 item 9), written before reading the rules in detail.

Run ``PYTHONPATH=. .venv/bin/python -m tests.safety_round7`` for the numbers (redirected, false alarms, right
category) in patient and clinician modes. The same lists are regression cases in test_safety.py.

The round aims at recall on situations that had no rules when it was written (round 6's "what is left": electrical
injury, carbon monoxide without a fire, sickle cell crisis, adrenal crisis, intussusception in an infant,
hypothermia, drowning, a snake or dog bite with systemic signs, a chemical splash in the eye; and a button battery),
at known situations in new words (testicular torsion, ectopic pregnancy, DKA, a meningitis rash, a paracetamol
overdose), and at messages that name no condition at all. Each red flag names the expected category; a tuple of
names means any of them is right. A situation without a category names the one it should get plus the nearest
existing ones.
"""

from __future__ import annotations

from tests import safety_scoring as scoring

RED_FLAGS_ROUND7: list[tuple[str, str | tuple[str, ...]]] = [
    # electrical injury
    (
        "my husband got a massive shock off the mains while rewiring a socket, it threw him across the room and "
        "now his heart keeps fluttering and his hand is burnt",
        ("electrical_injury", "burns"),
    ),
    (
        "ED triage: electrician, 11kV contact 30 min ago, entry wound L palm, exit wound R foot, currently "
        "asymptomatic",
        ("electrical_injury", "burns"),
    ),
    # carbon monoxide without a fire
    (
        "the whole family has had headaches and been throwing up since the new gas fire went in, now my daughter "
        "is drowsy and muddled",
        ("carbon_monoxide", "unconscious"),
    ),
    (
        "found my brother in his garage with the car engine running, hes awake but really confused and keeps "
        "being sick",
        ("carbon_monoxide", "suicide", "unconscious"),
    ),
    # sickle cell crisis
    (
        "my son has sickle cell, hes got a temp of 38.6 and is complaining of pain in his chest and breathing fast",
        ("sickle_cell_crisis", "sepsis_child", "sepsis", "breathing"),
    ),
    (
        "i have sickle cell and this crisis is the worst ive had, my usual painkillers arent touching it and im "
        "getting breathless",
        ("sickle_cell_crisis", "severe_pain", "breathing"),
    ),
    # adrenal crisis
    (
        "my daughter has addisons and a tummy bug, she keeps vomiting up her hydrocortisone and now shes dizzy, "
        "grey and very weak",
        ("adrenal_crisis",),
    ),
    (
        "F2 on the ward, pt on long term pred 20mg stopped it abruptly last week, now BP 78/40, vomiting, Na 126",
        ("adrenal_crisis", "sepsis"),
    ),
    # intussusception / a surgical abdomen in an infant
    (
        "my 9 month old keeps screaming and pulling his legs up every 15 minutes, in between hes pale and floppy "
        "and his nappy had red jelly in it",
        ("intussusception", "sepsis_child", "bleeding"),
    ),
    (
        "baby 11 months, bouts of inconsolable crying drawing her knees up and now she's vomiting green",
        ("intussusception", "sepsis_child"),
    ),
    # hypothermia
    (
        "found my elderly neighbour on her kitchen floor, the heating was off, she's ice cold to touch, barely "
        "talking and really slow",
        ("hypothermia", "unconscious"),
    ),
    (
        "pulled my mate out after he went through the ice on the lake, hes stopped shivering, hes mumbling and "
        "his lips are blue",
        ("hypothermia", "drowning", "breathing"),
    ),
    # drowning
    (
        "my 3 year old was under the water in the pool for maybe a minute, she keeps coughing and now seems "
        "really sleepy",
        ("drowning", "breathing"),
    ),
    (
        "lifeguard here, pulled a swimmer out 20 mins ago, he came round but keeps coughing up frothy pink stuff "
        "and is breathless",
        ("drowning", "breathing"),
    ),
    # bites with systemic signs or heavy bleeding
    (
        "got bitten by an adder on my ankle on a walk, the swelling is going up past my knee and i feel faint and sick",
        ("bite", "anaphylaxis"),
    ),
    (
        "a dog savaged my son's arm, it's pouring blood and won't stop even when i press on it",
        ("bleeding", "bite", "major_trauma"),
    ),
    # a chemical splash in the eye
    (
        "splashed oven cleaner in my eye, it's burning like mad and i can hardly open it",
        ("eye_chemical", "burns"),
    ),
    (
        "practice nurse here, a cleaner just got drain unblocker splashed in both eyes, they're streaming and she "
        "can't open them",
        ("eye_chemical", "burns"),
    ),
    # testicular torsion, new words
    (
        "my 14yo is in agony down below, one of his balls has swollen right up and he's thrown up",
        "testicular_torsion",
    ),
    # ectopic pregnancy, new words
    (
        "haven't had a period for 7 weeks, had a bit of brown spotting and now i'm doubled over on one side and "
        "went dizzy on the stairs",
        ("ectopic_pregnancy", "severe_pain"),
    ),
    # DKA, new words
    (
        "my teenage daughter is type 1, she's been so thirsty and weeing loads, now she's breathing deep and fast "
        "and her meter just says HI",
        "dka",
    ),
    # a meningitis rash, new words
    (
        "my 18 yr old came home from freshers with a banging head and now has tiny dark red pinprick spots on his "
        "chest that stay when i roll a glass over them",
        ("meningitis", "sepsis", "sepsis_child"),
    ),
    (
        "GP: 3yo in the room now, febrile, petechiae below the nipple line, cap refill 4s",
        ("meningitis", "sepsis_child"),
    ),
    # a paracetamol overdose
    (
        "i took a whole box of paracetamol yesterday after a row, i feel fine now but i'm scared",
        ("overdose", "suicide"),
    ),
    ("my friend says she's taken 30 panadol over the day to get rid of her toothache", "overdose"),
    # a button battery
    (
        "my 2 year old was playing with the tv remote and now one of the little round batteries is missing and "
        "he's drooling",
        ("button_battery", "overdose", "choking"),
    ),
    # no condition named, or known situations in new words
    ("he's gone a funny colour, he's making a gurgling noise and won't answer me", ("unconscious", "breathing")),
    ("my mum's just keeled over in the supermarket and she isn't breathing properly", ("unconscious", "breathing")),
    (
        "my left arm and leg have gone dead and my mouth feels numb and lopsided, it came on in the bath 10 mins ago",
        "stroke",
    ),
    (
        "pain in my chest like a vice since i was mowing the lawn, it's going up into my jaw and i feel sick",
        "chest_pain",
    ),
]

# Matched look-alikes: the same topics and words, but prevention, education, past or resolved, or trivially benign.
LOOK_ALIKES_ROUND7: list[str] = [
    "how do i prevent carbon monoxide poisoning at home?",
    "where should i put a carbon monoxide alarm and how often should it be tested?",
    "is it safe to swim after eating?",
    "my son nearly drowned when he was 4, he's 10 now and scared of water, how can i help him?",
    "what is secondary drowning and is it real?",
    "i keep getting small static shocks off the car door, why does that happen?",
    "my dad was an electrician and had lots of minor shocks over the years, can that damage the heart long term?",
    "what's the cheapest way to keep an elderly person warm in winter?",
    "i have sickle cell trait, can i still donate blood?",
    "how often should children with sickle cell disease have transcranial doppler scans?",
    "what should be on a steroid emergency card for adrenal insufficiency?",
    "my daughter has addisons and a cold, should she double her hydrocortisone?",
    "i finished a 5 day course of prednisolone, do i need to taper it?",
    "at what age does intussusception usually happen?",
    "my baby pulls his legs up and cries when he has wind after feeds, is that colic?",
    "what does it mean if a baby brings up curdled milk after a feed?",
    "my dog nipped me playfully last week and barely broke the skin, it's healed, do i need a tetanus jab?",
    "are there any venomous snakes in the UK?",
    "what should i do if i get bleach on my skin?",
    "can you wear contact lenses while swimming?",
    "how do i teach my teenage son to check his testicles for lumps?",
    "my period is a week late and the test is negative, could i still be pregnant?",
    "can a keto diet cause ketoacidosis in someone without diabetes?",
    "which meningitis vaccines does my 17 year old need before going to uni?",
    "why is a paracetamol overdose so dangerous for the liver?",
    "how should i store button batteries safely away from my kids?",
    "why does my baby make a gurgling noise when she feeds? she's fine otherwise",
    "my arm went dead because i slept on it, it came back after 5 minutes, why does that happen?",
    "my grandad keeled over with a heart attack in 1985, should i get my cholesterol checked?",
    "what is the best way to warm up after a cold water swim?",
]

# The two false alarms that round 6's probes found and left; scored apart from the blind look-alikes.
KNOWN_FALSE_ALARMS_ROUND7: list[str] = [
    "how do you tell if someone is unresponsive or just asleep?",
    "my dad's face went grey when he heard the news, ha",
]


def evaluate() -> dict[str, dict[str, object]]:
    """Counts per audience (the shared loop in tests/safety_scoring.py); lists the misses."""
    return scoring.evaluate(RED_FLAGS_ROUND7, LOOK_ALIKES_ROUND7, known_false_alarms=KNOWN_FALSE_ALARMS_ROUND7)


if __name__ == "__main__":
    scoring.main(evaluate())
