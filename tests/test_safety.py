"""Safety rules: emergency red flags fire on emergencies happening now, never on ordinary clinical questions."""

from __future__ import annotations

import pytest

from clinevidence.answer.safety import SafetyNotice, check_question

EMERGENCIES: list[tuple[str, str]] = [
    # chest pain
    ("I have crushing chest pain right now and I'm sweating", "chest_pain"),
    ("my husband is having chest pain and his left arm is numb what do i do", "chest_pain"),
    ("im having really bad chest pian", "chest_pain"),
    ("I think I'm having a heart attack", "chest_pain"),
    ("My dad's chest feels tight and he's short of breath, should I give him aspirin?", "chest_pain"),
    # stroke
    ("My wife's face is drooping and her speech is slurred", "stroke"),
    ("my mom suddenly cant move her right arm and her face looks droopy", "stroke"),
    ("I think my grandpa is having a stroke", "stroke"),
    ("he's slurring his words and one side of his face is numb", "stroke"),
    # overdose / poisoning
    ("I took too many pills", "overdose"),
    ("my son swallowed a whole bottle of tylenol", "overdose"),
    ("i just took 30 tablets of paracetamol", "overdose"),
    ("My toddler ate some of my iron tablets", "overdose"),
    ("my friend overdosed on heroin and is barely breathing", "overdose"),
    ("my 2 year old drank bleach", "overdose"),
    # suicide / self-harm
    ("I want to kill myself", "suicide"),
    ("i dont want to live anymore", "suicide"),
    ("I'm suicidal and have a plan", "suicide"),
    ("my daughter says she wants to kill herself", "suicide"),
    ("thinking about ending my life tonight", "suicide"),
    ("I keep cutting myself and want to hurt myself more", "suicide"),
    # anaphylaxis
    ("My throat is swelling after a bee sting", "anaphylaxis"),
    ("my son's lips are swelling up after eating peanuts", "anaphylaxis"),
    ("I'm having an allergic reaction and my tongue is swollen", "anaphylaxis"),
    ("should i use my epipen, my throat feels tight", "anaphylaxis"),
    # breathing
    ("I can't breathe", "breathing"),
    ("my baby is not breathing", "breathing"),
    ("my son is choking on a grape", "breathing"),
    ("help my dad cant breath and his lips are turning blue", "breathing"),
    # seizure
    ("my daughter has been seizing for 10 minutes", "seizure"),
    ("My husband is having a seizure that won't stop", "seizure"),
    # bleeding
    ("I cut my hand and the bleeding won't stop", "bleeding"),
    ("my wife is bleeding heavily after giving birth", "bleeding"),
    ("My dad is vomiting blood", "bleeding"),
    # unconscious
    ("my grandma is unconscious", "unconscious"),
    ("I can't wake my husband up", "unconscious"),
    ("my roommate just collapsed", "unconscious"),
    # child with fever and danger signs
    ("my baby has a fever and a rash that doesn't fade", "sepsis_child"),
    ("our 6 week old has a temperature of 38.5", "sepsis_child"),
    ("My toddler has a high fever and is floppy", "sepsis_child"),
]

ORDINARY: list[str] = [
    "What is the first-line treatment for stable angina?",
    "Is aspirin effective for secondary prevention after myocardial infarction?",
    "What is the time window for thrombolysis in acute ischemic stroke?",
    "Which antidepressant is safest in overdose?",
    "Is naloxone effective for opioid overdose?",
    "Is it safe to use tamoxifen with T-DM1 in patients with HER2-positive breast cancer?",
    "What is the evidence for ketamine in patients with suicidal ideation?",
    "How should I manage a patient who took an overdose of paracetamol?",
    "My patient is having chest pain, should I give aspirin before the ECG?",
    "What is the differential diagnosis of crushing chest pain?",
    "Should I start a statin in a patient with a history of stroke?",
    "I had a heart attack last year; should I keep taking aspirin?",
    "My husband has had chest pain on exertion for months, could it be angina?",
    "Does intramuscular adrenaline reduce mortality in anaphylaxis?",
    "What is the best anticonvulsant for status epilepticus that does not stop after benzodiazepines?",
    "Is tranexamic acid effective for major bleeding in trauma?",
    "What is the management of febrile infants with a non-blanching rash?",
    "How do I assess suicide risk in adolescents?",
    "I have a question about chest pain in young athletes",
    "Which inhaler is best for asthma in children?",
    "Can I take ibuprofen with lisinopril?",
    "My mother has atrial fibrillation; is apixaban better than warfarin to prevent a stroke?",
    "I can't breathe through my nose at night, is a steroid spray safe?",
    "What is the risk of bleeding with apixaban compared with rivaroxaban?",
    "Do SSRIs increase suicidal thoughts in young people?",
]

# Phrasings written after the rules above, as held-out checks (four rounds); kept as regression cases.
EMERGENCIES_HELD_OUT: list[tuple[str, str]] = [
    ("chest pain spreading to my jaw, i feel sick and sweaty", "chest_pain"),
    ("my father is clutching his chest and says it feels like an elephant sitting on it", "chest_pain"),
    ("I am 55 and have severe chest pressure since 20 minutes ago", "chest_pain"),
    ("wife having a heart attack what do i do", "chest_pain"),
    ("my chest hurts so bad i can barely move", "chest_pain"),
    ("My uncle's face suddenly went droopy on one side", "stroke"),
    ("my mum is talking gibberish and cant lift her left arm", "stroke"),
    ("I think my husband just had a stroke, his speech is slurred", "stroke"),
    ("sudden numbness on the left side of my body", "stroke"),
    ("i swallowed a bunch of my sleeping pills", "overdose"),
    ("My brother OD'd on fentanyl", "overdose"),
    ("my kid got into the medicine cabinet and ate a bunch of pills", "overdose"),
    ("took like 40 ibuprofen an hour ago", "overdose"),
    ("i'm going to end it all tonight", "suicide"),
    ("I feel like killing myself", "suicide"),
    ("everyone would be better off without me", "suicide"),
    ("my son is threatening to kill himself", "suicide"),
    ("I have been thinking about suicide every day", "suicide"),
    ("my tongue is swelling up after taking amoxicillin", "anaphylaxis"),
    ("stung by a wasp and my throat is closing", "anaphylaxis"),
    ("my daughter ate a cashew and her face is swelling and she has hives", "anaphylaxis"),
    ("gasping for air and my lips are blue", "breathing"),
    ("my grandpa is struggling to breathe", "breathing"),
    ("I cant catch my breath and it's getting worse fast", "breathing"),
    ("My newborn stopped breathing for a moment", "breathing"),
    ("my son is having a fit and it's been over 5 minutes", "seizure"),
    ("my wife is convulsing on the floor", "seizure"),
    ("I'm pregnant and bleeding a lot", "bleeding"),
    ("my husband got stabbed", "bleeding"),
    ("there's blood everywhere and it won't stop", "bleeding"),
    ("I'm coughing up blood", "bleeding"),
    ("my mom is unresponsive", "unconscious"),
    ("found my dad on the floor not responding", "unconscious"),
    ("my 3 month old is very floppy and hot", "sepsis_child"),
    ("baby has purple spots and a fever", "sepsis_child"),
    ("my infant is not feeding and has a fever of 39", "sepsis_child"),
    ("my 10 day old baby has a fever", "sepsis_child"),
    ("Help! my boyfriend took a whole pack of xanax", "overdose"),
    ("I want to die", "suicide"),
    ("my dad is sweating and has pain in his chest going down his arm", "chest_pain"),
    ("having severe chest pains cant stop shaking", "chest_pain"),
    ("I have tightness in my chest and feel like I'm going to pass out", "chest_pain"),
    ("my grandmother's mouth is crooked and she can't speak properly", "stroke"),
    ("my husband suddenly can't use his right hand and is confused", "stroke"),
    ("is my mom having a stroke? her face is drooping", "stroke"),
    ("I accidentally took my whole week of pills at once", "overdose"),
    ("my teenager took a load of antidepressants", "overdose"),
    ("my 3yo swallowed a battery", "overdose"),
    ("i took 50 paracetamol what will happen", "overdose"),
    ("I am going to hang myself", "suicide"),
    ("there is no point in living anymore", "suicide"),
    ("my partner is talking about killing himself", "suicide"),
    ("I've been feeling suicidal all day", "suicide"),
    ("face swelling and hard to breathe after eating shrimp", "anaphylaxis"),
    ("my son's throat is tight after a bee sting", "anaphylaxis"),
    ("I think I'm going into anaphylactic shock", "anaphylaxis"),
    ("my asthma attack is so bad i can't breathe even with my inhaler", "breathing"),
    ("my baby's lips are turning blue", "breathing"),
    ("my husband is gasping and wont wake up", "breathing"),
    ("my girlfriend is having a seizure and she's turning blue", "seizure"),
    ("my little one has been fitting for 6 minutes", "seizure"),
    ("my leg is bleeding really badly after a chainsaw accident", "bleeding"),
    ("my nose has been bleeding for an hour and won't stop", "bleeding"),
    ("my dad fell and hit his head and now he's unconscious", "unconscious"),
    ("my sister passed out and isn't waking up", "unconscious"),
    ("my 8 week old has a temp of 38.2", "sepsis_child"),
    ("my toddler has a rash that doesn't go away when I press a glass on it and a fever", "sepsis_child"),
    ("my baby is limp and won't feed", "sepsis_child"),
    ("i swallowed drain cleaner", "overdose"),
    ("i think my heart is giving out, crushing pain in my chest", "chest_pain"),
    ("Husband collapsed in the kitchen and isn't breathing", "unconscious"),
    ("my brother is foaming at the mouth and shaking all over", "seizure"),
    ("grandad's speech went weird and his arm is floppy", "stroke"),
    ("I just drank a bottle of vodka and took all my xanax", "overdose"),
    ("my kid ate a laundry pod", "overdose"),
    ("tonight i am going to take all my pills and end it", "suicide"),
    ("I dont see any reason to live", "suicide"),
    ("my son told me he wants to end his life", "suicide"),
    ("after the injection my throat started closing up", "anaphylaxis"),
    ("my mouth and tongue are swelling and i have hives", "anaphylaxis"),
    ("I'm wheezing and can hardly breathe", "breathing"),
    ("my daughter is choking and can't cough", "breathing"),
    ("my 4 month old is breathing really fast and very sleepy with a fever, hard to wake", "sepsis_child"),
    ("she has been shaking and unresponsive for 7 minutes", "seizure"),
    ("I'm 28 weeks pregnant and bleeding heavily", "bleeding"),
    ("my husband cut his arm on glass and it's spurting blood", "bleeding"),
    ("my mother won't wake up", "unconscious"),
    ("my dad is confused, his face is droopy and he's dizzy", "stroke"),
    ("my wife took an overdose of her insulin", "overdose"),
    ("my chest feels like its being squeezed and my left arm is tingling", "chest_pain"),
    ("dad has severe chest pain and is grey and clammy", "chest_pain"),
    ("my aunt can't smile properly on one side and her arm is weak", "stroke"),
    ("I woke up and can't feel the left side of my face", "stroke"),
    ("my cousin took 20 of his sleeping tablets", "overdose"),
    ("I swallowed a handful of ibuprofen about an hour ago", "overdose"),
    ("my nephew drank antifreeze", "overdose"),
    ("i'm thinking of ending it tonight", "suicide"),
    ("I want to hurt myself", "suicide"),
    ("my boyfriend said he's going to kill himself", "suicide"),
    ("my lips and tongue are swollen after a new antibiotic and i'm struggling to breathe", "anaphylaxis"),
    ("my child got stung by a bee and is wheezing with a swollen face", "anaphylaxis"),
    ("i cannot breathe properly and my chest is tight", "chest_pain"),
    ("my son's breathing is really noisy and he's turning blue", "breathing"),
    ("My daughter is having a fit and won't stop shaking", "seizure"),
    ("my grandad is on blood thinners and has a cut that won't stop bleeding", "bleeding"),
    ("my wife is throwing up blood", "bleeding"),
    ("my dad is not responding to us", "unconscious"),
    ("my baby is very pale, floppy and has a temperature", "sepsis_child"),
    ("my 5 week old feels hot and has a fever of 38", "sepsis_child"),
]

ORDINARY_HELD_OUT: list[str] = [
    "What is the role of troponin in evaluating chest pain in the emergency department?",
    "Is clopidogrel superior to aspirin after stroke?",
    "What are the FAST signs of stroke?",
    "How effective is activated charcoal after paracetamol overdose?",
    "What is the lethal dose of amitriptyline?",
    "Which SSRIs carry the highest suicide risk in adolescents?",
    "Should adrenaline auto-injectors be prescribed after a bee sting reaction?",
    "Is epinephrine the first-line treatment for anaphylaxis?",
    "What causes slurred speech in multiple sclerosis?",
    "What is the mortality of status epilepticus in adults?",
    "Is levetiracetam as effective as phenytoin for convulsive status epilepticus?",
    "How should heavy menstrual bleeding be investigated?",
    "Does tranexamic acid reduce postpartum hemorrhage deaths?",
    "What is the Glasgow Coma Scale threshold for intubation in unconscious patients?",
    "When should febrile infants under 3 months have a lumbar puncture?",
    "Is dexamethasone beneficial in meningococcal sepsis in children?",
    "Can I use nitroglycerin for chest pain in a patient taking sildenafil?",
    "I have a patient with a swollen tongue on ACE inhibitors - is it angioedema?",
    "My husband had a stroke two years ago; should he take clopidogrel or aspirin?",
    "My son has epilepsy; is lamotrigine better than valproate?",
    "I get short of breath when I climb stairs; could it be heart failure?",
    "Is home oxygen useful for breathlessness in COPD?",
    "What is the best treatment for choking in infants according to guidelines?",
    "How accurate is the Wells score for pulmonary embolism?",
    "Are DOACs safer than warfarin for bleeding risk in elderly patients?",
    "I'm a nurse; what are the warning signs of sepsis in children?",
    "Does lithium reduce suicide in bipolar disorder?",
    "We are writing a protocol for overdose management in our ED; what does the evidence say about naloxone infusions?",
    "My daughter has asthma; which inhaler has the fewest side effects?",
    "What is the prognosis after out-of-hospital cardiac arrest with an unconscious patient?",
    "I read that aspirin can cause bleeding in the stomach; is that true?",
    "I have been taking omeprazole for years; does it increase fracture risk?",
    "My mother is on warfarin and her INR is 3.5; is that in range for a mechanical valve?",
    "Is it safe to take paracetamol during pregnancy?",
    "What is the number needed to treat for thrombectomy in large vessel occlusion stroke?",
    "Does a rash that doesn't blanch always mean meningococcal disease?",
    "Is chest pain with a normal ECG and troponin safe to discharge?",
    "What are the side effects of tamoxifen?",
    "How long should dual antiplatelet therapy continue after a heart attack?",
    "My baby had a fever after vaccination yesterday; is that normal?",
    "What is the sensitivity of high-sensitivity troponin for ruling out myocardial infarction?",
    "Should I give aspirin to patients with suspected acute coronary syndrome?",
    "I'm a GP: when should I refer a patient with a TIA?",
    "What is the evidence that alteplase improves outcomes in stroke up to 4.5 hours?",
    "How do I counsel a patient about overdose risk with opioids?",
    "What is the antidote for a warfarin overdose?",
    "Is acetylcysteine effective in late-presenting paracetamol overdose?",
    "I want to stop smoking; does varenicline work?",
    "I want to lose weight; is semaglutide effective?",
    "I feel tired all the time; could it be my thyroid?",
    "My son has a peanut allergy; should he carry two epinephrine auto-injectors?",
    "Can I take antihistamines for hay fever while breastfeeding?",
    "What is the incidence of anaphylaxis with IV iron?",
    "Does high-flow nasal oxygen reduce intubation in bronchiolitis?",
    "My daughter gets short of breath during football; could it be exercise-induced asthma?",
    "Is midazolam buccal as effective as rectal diazepam for prolonged seizures in children?",
    "My husband has epilepsy and had a seizure last week; should his dose be increased?",
    "What is the best management of epistaxis that won't stop in patients on anticoagulants?",
    "Is tranexamic acid useful for nosebleeds?",
    "I bleed easily when I brush my teeth; could it be my aspirin?",
    "What are the causes of syncope in young adults?",
    "Is a CT head needed for unconscious patients after a fall?",
    "How common is serious bacterial infection in febrile infants under 28 days?",
    "What is the treatment of Kawasaki disease?",
    "Do antidepressants work for mild depression?",
    "Is it safe to take ibuprofen after a heart attack?",
    "Can I drink alcohol while taking metronidazole?",
    "My father had a heart attack in 2019; is a statin still needed at 85?",
    "Which is better for atrial fibrillation: rate or rhythm control?",
    "What is the role of ketamine for treatment-resistant depression with suicidal ideation?",
    "Is HER2-positive breast cancer more aggressive?",
    "Does trastuzumab cause heart failure?",
    "How many people die of sepsis each year?",
    "What is the first aid for a nosebleed?",
    "What is the risk of stroke after a TIA?",
    "My mom is 80 and takes 10 medicines; which could cause falls?",
    "Are e-cigarettes safer than smoking?",
    "Is chest pain common after COVID vaccination?",
    "How quickly should antibiotics be given in sepsis?",
    "We had a case of anaphylaxis after contrast; should we premedicate next time?",
    "I have chest pain when I run; is it angina or reflux?",
    "I had chest pain last month and my ECG was normal; do I need a stress test?",
    "I'm worried about my risk of stroke; should I take aspirin?",
    "My dad had a TIA in March; is clopidogrel plus aspirin better than aspirin alone?",
    "I took double my thyroid tablet by mistake yesterday; is that harmful?",
    "I take sertraline; can I drink alcohol?",
    "I sometimes feel short of breath at night; could it be heart failure?",
    "I have hives after eating strawberries; should I take cetirizine?",
    "My son has a fever of 38.5 and a runny nose; can I give ibuprofen?",
    "My daughter had a febrile seizure last year; will she get epilepsy?",
    "I keep getting nosebleeds; should I stop my aspirin?",
    "I fainted once at the gym last year; should I get my heart checked?",
    "My mother has dementia and refuses to eat; what does the evidence say about feeding tubes?",
    "I am a paramedic: is prehospital CPAP effective for acute pulmonary oedema?",
    "What is the best treatment for a patient who is unconscious after a hypoglycemic episode?",
    "For a patient having a stroke, is tenecteplase as effective as alteplase?",
    "How should suicidal patients be assessed in the emergency department?",
    "Can overdose of vitamin D cause kidney stones?",
    "What does it mean if my lips are swollen in the morning?",
    "My partner snores and stops breathing at night; is that sleep apnoea?",
    "Is heavy menstrual bleeding a sign of endometrial cancer?",
    "What is the prognosis of a baby born at 28 weeks?",
    "Should statins be stopped in people over 75?",
    "Is colchicine useful after myocardial infarction?",
    "My grandpa is on dialysis; is apixaban safe for him?",
    "I want to get pregnant; should I stop methotrexate?",
    "I'm scared of having a heart attack like my father; what screening should I get?",
    "Which painkiller is safest for my elderly mother with kidney disease?",
    "Are there drug interactions between clarithromycin and simvastatin?",
    "How much does a CT scan increase cancer risk?",
    "I have been diagnosed with angina; which drugs reduce chest pain?",
    "I'm on warfarin; can I take paracetamol for a headache?",
    "My dad is 70 and has high blood pressure; what's the target?",
    "I'm 45 and overweight; what's my risk of a heart attack?",
    "My sister has migraines with aura; is the pill safe?",
    "I feel anxious and my heart races; could it be my thyroid?",
    "What are the symptoms of a heart attack in women?",
    "My son has a cold and a cough; are antibiotics needed?",
    "My mum is having chemotherapy; can she have the flu vaccine?",
    "I'm having trouble sleeping; is melatonin safe long term?",
    "My husband is having a knee replacement; when should he stop aspirin?",
    "I'm bleeding a little after my smear test; is that normal?",
    "Does CPR training improve survival from cardiac arrest?",
    "Is it dangerous to take two paracetamol tablets every four hours?",
    "Which drugs are most often involved in fatal overdoses?",
    "What is the evidence for lithium in suicide prevention?",
    "Can a bee sting cause anaphylaxis in someone with no previous reaction?",
    "Is salbutamol or ipratropium better for acute asthma in children?",
    "What is the risk of seizures with tramadol?",
    "How long do antihistamines take to work for hives?",
    "My daughter has eczema; are topical steroids safe?",
    "I want to start running; should I see a doctor first?",
    "Is it safe to fly after a DVT?",
    "My toddler has a rash after amoxicillin; is he allergic?",
    "How is meningitis diagnosed in babies?",
    "I was unconscious for a few seconds after a fall yesterday; do I need a scan?",
    "What percentage of strokes are haemorrhagic?",
    "Should my grandmother with atrial fibrillation take a blood thinner?",
    "I'm pregnant; is it safe to eat soft cheese?",
]


DOSING: list[tuple[str, set[str], set[str]]] = [
    # question, factors that must be missing, factors that must NOT be listed (already given / not applicable)
    (
        "What dose of amoxicillin should I give my 4-year-old who weighs 16 kg?",
        {"indication (what it is for)", "allergies"},
        {"weight", "age", "pregnancy or breastfeeding"},
    ),
    (
        "How many mg of warfarin should my patient with INR 4 take?",
        {"weight", "age", "indication (what it is for)", "other medicines"},
        set(),
    ),
    (
        "How much paracetamol can I take?",
        {"weight", "age", "liver function", "pregnancy or breastfeeding"},
        set(),
    ),
    (
        "What dose of enoxaparin for my 80 kg patient with an eGFR of 25 for DVT treatment?",
        {"age", "other medicines"},
        {"weight", "kidney function (eGFR or creatinine clearance)", "indication (what it is for)"},
    ),
    (
        "I'm 32 weeks pregnant, how much ibuprofen can I take for back pain?",
        {"weight"},
        {"pregnancy or breastfeeding", "indication (what it is for)"},
    ),
]

GENERAL_DOSING = [
    "What is the usual adult dose of amoxicillin?",
    "What is the maximum daily dose of paracetamol?",
    "What is the pediatric dose of amoxicillin per kg for otitis media?",
    "What is the dose of enoxaparin in patients with creatinine clearance below 30?",
]


@pytest.mark.parametrize(("question", "category"), EMERGENCIES + EMERGENCIES_HELD_OUT)
def test_emergency_phrasings_fire_with_the_right_category(question: str, category: str) -> None:
    notice = check_question(question)
    assert notice is not None, question
    assert (notice.kind, notice.category) == ("emergency", category)
    assert "emergency" in notice.message.lower() or "988" in notice.message


@pytest.mark.parametrize("question", ORDINARY + ORDINARY_HELD_OUT)
def test_ordinary_clinical_questions_do_not_fire(question: str) -> None:
    assert check_question(question) is None


@pytest.mark.parametrize(("question", "missing", "present"), DOSING)
def test_patient_specific_dose_requests_list_missing_factors(
    question: str, missing: set[str], present: set[str]
) -> None:
    notice = check_question(question)
    assert notice is not None and notice.kind == "dosing", question
    assert missing <= set(notice.missing_factors)
    assert not present & set(notice.missing_factors)
    assert "cannot give a personal dose" in notice.message


@pytest.mark.parametrize("question", GENERAL_DOSING)
def test_general_dosing_questions_do_not_fire(question: str) -> None:
    assert check_question(question) is None


def test_suicide_message_has_crisis_line_and_emergency_number() -> None:
    notice = check_question("i want to end my life")
    assert notice is not None
    assert "988" in notice.message and "911" in notice.message


def test_emergency_message_names_emergency_numbers_and_poison_help() -> None:
    notice = check_question("my son swallowed a button battery")
    assert notice is not None and notice.category == "overdose"
    assert "911" in notice.message and "112" in notice.message and "999" in notice.message
    assert "1-800-222-1222" in notice.message


def test_patient_audience_accepts_a_bare_symptom_said_to_be_happening_now() -> None:
    assert check_question("crushing chest pain now", audience="patient") is not None
    assert check_question("crushing chest pain now", audience="clinician") is None
    assert check_question("crushing chest pain right now") is not None


def test_patient_dosing_message_points_to_pharmacist() -> None:
    notice = check_question("how much paracetamol can I give my son", audience="patient")
    assert notice is not None and notice.kind == "dosing"
    assert "pharmacist" in notice.message
    assert "pregnancy or breastfeeding" not in notice.missing_factors


def test_notice_is_frozen_and_empty_question_is_none() -> None:
    notice = SafetyNotice("dosing", "dosing", "m")
    with pytest.raises(AttributeError):
        notice.message = "x"  # type: ignore[misc]
    assert check_question("") is None
    assert check_question("   ") is None
