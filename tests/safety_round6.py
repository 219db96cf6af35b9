"""Round 6 of held-out safety phrasings (issue 9 item 9), written before reading the rules in detail.

Run ``PYTHONPATH=. .venv/bin/python -m tests.safety_round6`` for the numbers (redirected, false alarms, right
category) in patient and clinician modes. The same lists are regression cases in test_safety.py.

The round aims at recall on situations that had no rules when it was written (round 5's "what is left": pulmonary
embolism, low blood sugar, stridor, reduced fetal movements, preterm labour / abruption / heavy bleeding in
pregnancy, acute angle-closure glaucoma, necrotising fasciitis, acute limb ischaemia, serotonin syndrome, heat
stroke, a dehydrated floppy infant, smoke inhalation) and on known situations in new everyday words. Each red flag
names the expected category; a tuple of names means any of them is right. A situation without a category names the
one it should get plus the nearest existing ones.
"""

from __future__ import annotations

from tests import safety_scoring as scoring

RED_FLAGS_ROUND6: list[tuple[str, str | tuple[str, ...]]] = [
    # pulmonary embolism
    (
        "flew back from australia 2 days ago, my calf has been swollen and now i get a sharp pain when i breathe in "
        "and im short of breath",
        ("pulmonary_embolism", "breathing", "chest_pain"),
    ),
    (
        "3 weeks after my hip replacement, suddenly breathless just walking to the loo and coughed up a bit of blood",
        ("pulmonary_embolism", "breathing"),
    ),
    # low blood sugar
    (
        "my husband is diabetic on insulin, hes sweaty shaky and talking rubbish, his meter says 2.1",
        ("hypoglycaemia", "unconscious"),
    ),
    (
        "my gran takes gliclazide and we cant get much sense out of her, shes clammy and her sugar reads LO",
        ("hypoglycaemia", "unconscious"),
    ),
    # stridor / epiglottitis / croup
    (
        "my daughter is 5 and makes a high pitched noise every time she breathes in, drooling, wont swallow and is "
        "sitting leaning forward",
        ("airway", "breathing"),
    ),
    (
        "toddler has croup and the harsh squeaky noise when he breathes is there even when hes resting now, hes gone "
        "pale",
        ("airway", "breathing"),
    ),
    # reduced fetal movements
    ("38 weeks and i havent felt the baby move since yesterday morning", ("fetal_movements", "pregnancy")),
    (
        "my wife is 30 weeks, the baby usually kicks loads in the evening but tonight nothing at all, a cold drink "
        "didnt help",
        ("fetal_movements", "pregnancy"),
    ),
    # preterm labour, abruption, heavy bleeding in pregnancy
    ("im 29 weeks and getting tightenings every 5 minutes and my waters just went", ("pregnancy", "preterm_labour")),
    (
        "32 weeks pregnant, sudden constant pain in my belly, it's rock hard and i'm bleeding",
        ("pregnancy", "pregnancy_bleeding", "bleeding"),
    ),
    (
        "20 weeks pregnant and soaking a pad every half hour with bright red blood",
        ("pregnancy", "pregnancy_bleeding", "bleeding"),
    ),
    # acute angle-closure glaucoma
    (
        "my eye suddenly became really painful and red, everything is blurry with halos round lights and i keep "
        "throwing up",
        ("glaucoma", "eye"),
    ),
    (
        "mum came out of the cinema with a throbbing red right eye, she says her vision is misty and she feels sick",
        ("glaucoma", "eye"),
    ),
    # necrotising fasciitis
    (
        "cut my leg on a fence yesterday, now the pain is way worse than it looks, the skin is going purple and "
        "spreading and i feel awful",
        ("necrotising_fasciitis", "sepsis"),
    ),
    # acute limb ischaemia
    (
        "my dad's leg suddenly went cold and white below the knee an hour ago, it's numb and he can't move his toes",
        ("limb_ischaemia",),
    ),
    (
        "pt with AF in ED now, sudden painful pale pulseless right foot, onset 2 hrs ago",
        ("limb_ischaemia",),
    ),
    # serotonin syndrome
    (
        "started tramadol on top of my sertraline, now im shaking, sweating buckets, my muscles keep jerking and my "
        "temp is 39",
        ("serotonin_syndrome", "overdose"),
    ),
    # heat stroke
    (
        "my son collapsed at his football match in the heat, hes burning hot, not sweating and confused",
        ("heat_stroke", "unconscious"),
    ),
    (
        "medic tent, runner collapsed at mile 24, rectal temp 41.2, confused and combative right now",
        ("heat_stroke", "unconscious"),
    ),
    # a dehydrated floppy infant
    (
        "my 6 month old has had diarrhoea and sick all day, no wet nappy since this morning, shes floppy and her "
        "eyes look sunken",
        ("dehydration_child", "sepsis_child"),
    ),
    # smoke inhalation
    (
        "got out of a house fire, no burns but im coughing up black stuff and my voice is going croaky",
        ("smoke_inhalation", "burns", "breathing"),
    ),
    (
        "my kids were in the room with the smoke from the chip pan fire, my youngest keeps coughing, has a headache "
        "and is drowsy",
        ("smoke_inhalation", "burns", "breathing"),
    ),
    # known situations, new everyday words
    (
        "my nan's smile has gone lopsided and she's not making sense when she talks, it happened at lunch",
        "stroke",
    ),
    ("feels like an elephant sitting on my chest, my left arm is heavy and i'm drenched in sweat", "chest_pain"),
    ("found my flatmate on the floor and i cant wake him, he's snoring weirdly", ("unconscious", "overdose")),
    (
        "ate a satay at the takeaway, my lips have blown up, my voice sounds funny and its hard to swallow",
        "anaphylaxis",
    ),
    ("i've written my note and i'm sitting on the bridge", "suicide"),
    (
        "my toddler's got a temp and purple blotches on his legs that don't go when I press a glass on them",
        ("meningitis", "sepsis_child"),
    ),
    (
        "my mum has a water infection and now she's cold and clammy, hasn't peed all day and is really confused",
        "sepsis",
    ),
    (
        "my wife had a fit, it stopped but now she's had another one and hasn't woken up in between",
        ("seizure", "unconscious"),
    ),
]

# Matched look-alikes: the same topics, but past or resolved, hypothetical, educational, about someone else long
# ago, or a study question; plus the two chest-pain false alarms listed in round 5's notes.
LOOK_ALIKES_ROUND6: list[str] = [
    "i had a clot in my lung after my hip replacement 2 years ago, how long should i stay on apixaban?",
    "what is the wells score for pulmonary embolism?",
    "is it safe to fly long haul after having a DVT last year?",
    "my husband is diabetic, what should he keep in the car in case his sugar goes low?",
    "I had a hypo last night, took some jelly babies and I'm fine now, should I change my insulin?",
    "why does gliclazide cause low blood sugar in older people?",
    "what causes stridor in children?",
    "my toddler had croup last week, the barking cough has gone, can he go back to nursery?",
    "is the hib vaccine still given to prevent epiglottitis?",
    "how many baby movements should i feel at 28 weeks?",
    "at 36 weeks my baby was quieter one evening but then kicked loads after dinner, is that normal?",
    "what are braxton hicks contractions and how do they feel different from real labour?",
    "i had a small bleed at 12 weeks that stopped and the scan was fine, does that mean a higher risk later?",
    "what is placental abruption and who is at risk?",
    "my dad had acute glaucoma in his left eye years ago, should i get my eye pressure checked?",
    "which eye drops should people with narrow angles avoid?",
    "what is the LRINEC score for necrotising fasciitis and how accurate is it?",
    "I had cellulitis in my leg last month, it's cleared with antibiotics, how do I stop it coming back?",
    "my legs get cold at night and I have poor circulation, what helps?",
    "what are the 6 Ps of acute limb ischaemia?",
    "can i take sumatriptan with sertraline or is there a risk of serotonin syndrome?",
    "in the study, how many patients on linezolid developed serotonin syndrome?",
    "how do i keep my elderly mum cool during a heatwave?",
    "my aunt collapsed with heat stroke on holiday in 1998, does it run in families?",
    "how much oral rehydration solution should a baby with diarrhoea have?",
    "my baby had a tummy bug last week and was a bit off her feeds but is back to normal, when can she go to nursery?",
    "my dad was a firefighter for 30 years and breathed in a lot of smoke, does that raise his lung cancer risk?",
    "my grandad had a stroke in 2015 and his smile has been lopsided ever since, can botox help?",
    "my chest hurts when I cough with this cold, is that normal?",
    "my chest feels tight and I'm anxious, is this a panic attack?",
]


def evaluate() -> dict[str, dict[str, object]]:
    """Counts per audience (the shared loop in tests/safety_scoring.py); lists the misses."""
    return scoring.evaluate(RED_FLAGS_ROUND6, LOOK_ALIKES_ROUND6)


if __name__ == "__main__":
    scoring.main(evaluate())
