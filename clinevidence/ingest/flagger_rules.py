"""The flagger's rules: weighted patterns over folded text, and cheap word pre-checks for each.

Phrase rules come from known injection families (garak / promptfoo probes: "ignore previous instructions", role
tags, "you are now", "respond with"); shape rules catch new wordings (a model as the agent of an output verb,
"your answer" in the second person, bracketed role markers). Weights add up; 0.5 flags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    weight: float
    pattern: re.Pattern[str]


def _r(name: str, weight: float, pattern: str) -> Rule:
    return Rule(name, weight, re.compile(pattern, re.I | re.S))


_VERB = (
    r"ignore|ignoring|disregard|disregarding|override|overriding|bypass|bypassing|discard|set\s+aside|overlook|"
    r"abandon|skip|stop\s+following|no\s+longer\s+follow"
)
_TARGET = r"(?:instructions?|prompts?|directives?|commands?|system\s+messages?|guardrails|guidance|directions|context)"
_OUT_VERB = (
    r"(?:print|output|emit|echo|append|insert|write|say|reply|respond|answer|quote|sign|translate|include|add|mention|"
    r"cite|conclude|state|type|repeat|sneak|slip|put|announce|reveal|use)"
)
_MODEL = r"(?:ai|a\.i\.|llm|language\s+model|chatbot|assistant|model|gpt|chatgpt|claude|gemini|bot|agent|summari[sz]er)"

RULES: tuple[Rule, ...] = (
    # Overriding what the model was told.
    _r(
        "override",
        1.0,
        rf"\b(?:{_VERB})(?:\s+[\w'’-]+){{0,3}}?\s+(?:all|any|previous|prior|above|earlier|preceding|"
        rf"your|these|those|my|original|initial|existing|other|system|every)\b(?:\s+[\w'’-]+){{0,3}}?\s+{_TARGET}\b",
    ),
    _r(
        "override-the",
        1.0,
        rf"\b(?:{_VERB})\s+(?:the\s+|all\s+the\s+)?{_TARGET}\s+(?:above|before|given|you)\b",
    ),
    _r(
        "override-all",
        1.0,
        rf"\b(?:{_VERB}|forget)\s+(?:all\s+|everything\s+)?(?:of\s+)?(?:the\s+|what\s+(?:was|is)\s+)?"
        r"(?:above|before|preceding|foregoing|said\s+(?:above|before)|written\s+above|previous(?:ly)?(?:\s+said)?)"
        r"(?:\s+(?:text|content|messages?|context|conversation))?(?:\s+(?:this|the)\s+(?:line|point|sentence|text|message|"
        r"note|paragraph))?\s*(?:[.,;:!]|and\b|$)",
    ),
    _r("forget", 1.0, rf"\bforget\s+(?:all|everything|your|any)\b(?:\s+[\w'’-]+){{0,3}}?\s+{_TARGET}\b"),
    _r(
        "override-rules",
        1.0,
        r"\b(?:ignore|disregard|forget|bypass)\s+(?:all\s+)?(?:your|the\s+system'?s?)\s+"
        r"(?:rules|guidelines|programming|training|policy|policies|constraints|restrictions)\b",
    ),
    _r(
        "multilingual",
        1.0,
        r"\b(?:ignor(?:a|á|ez|iere|ar|ate|es)|olvid\w*|vergiss|oublie[zr]?)\b[^.]{0,40}"
        r"\b(?:instruc\w*|anweisung\w*|istruzion\w*|consignes?|indicacion\w*|regeln|reglas|règles)\b",
    ),
    # Talking about the model's own prompt or role.
    _r(
        "system-prompt",
        1.0,
        r"\bsystem\s+prompts?\b|\bdeveloper\s+(?:prompt|message)s?\b|\b(?:hidden|secret)\s+prompts?\b|"
        r"\b(?:this|the|your)\s+system\s+message\b(?!s)",
    ),
    _r(
        "reveal-prompt",
        1.0,
        r"\b(?:reveal|print|show|repeat|leak|output)\s+(?:your|the)\s+(?:system\s+)?"
        r"(?:prompt|instructions)\b",
    ),
    _r(
        "new-instructions",
        0.8,
        r"\b(?:new|updated|real|actual|hidden|secret|additional|revised|override)\s+"
        r"instructions?\s*(?:[:\-–—]|follow\b)",
    ),
    _r(
        "you-are-now",
        0.8,
        r"\byou\s+(?:are|must|will)\s+(?:now|no\s+longer)\s+(?:a|an|the|in|act|acting|operating|free|behave|"
        r"unrestricted|jailbroken|dan|allowed|permitted|required|instructed)\b",
    ),
    _r(
        "you-are-ai",
        1.0,
        r"\b(?:if\s+)?you\s+are\s+(?:an?\s+)?(?:ai|a\.i\.|llm|large\s+language\s+model|language\s+model|"
        r"chatbot|assistant|gpt|claude|bot)\b(?:\s+(?:reading|summari[sz]ing|processing|answering))?",
    ),
    _r("as-an-ai", 0.8, r"\bas\s+an?\s+(?:ai|a\.i\.|language\s+model|llm|ai\s+assistant)\b"),
    _r(
        "addressed-model",
        1.0,
        r"\b(?:note|message|instructions?|attention|command)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?"
        r"(?:ai|a\.i\.|llm|language\s+models?|assistants?|chatbots?|models?\s+reading|bots?|summari[sz]ers?|"
        r"model(?=\s*[:,!]))\b",
    ),
    _r(
        "model-must",
        0.7,
        r"\b(?:the|any|all|every|automated|automatic)\s+(?:ai|(?:ai|virtual|digital)\s+assistants?|"
        r"chatbots?|llms?|language\s+models?|summari[sz]ers?|bots?)\s+(?:[\w'-]+\s+){0,4}?(?:must|should|shall|will|"
        r"is\s+instructed\s+to|are\s+instructed\s+to|needs?\s+to|has\s+to|have\s+to)\b",
    ),
    _r(
        "vocative",
        1.0,
        r"\b(?:attention|hey|hello|hi|dear|note|psst)\s*,?\s+(?:ai|llm|chatbot|assistant|language\s+model|"
        r"gpt|claude|bot|model)s?\b\s*[:,!]",
    ),
    _r(
        "generated-summary",
        0.6,
        r"\b(?:any|every|each|your)\s+(?:generated|automated|ai-generated|machine-generated)\s+"
        r"(?:summary|summaries|answers?|responses?|outputs?)\b",
    ),
    _r(
        "not-the-reader",
        1.0,
        r"\b(?:for|to)\s+(?:the|any|an?)\s+(?:ai|assistant|chatbot|llm|language\s+model|model),?\s+"
        r"not\s+(?:for\s+|to\s+)?(?:the\s+)?(?:human\s+)?(?:reader|user|human)",
    ),
    _r(
        "your-task",
        0.6,
        r"\byour\s+(?:real\s+|new\s+|actual\s+|true\s+|only\s+|next\s+|sole\s+)?(?:task|job|goal|"
        r"instructions?|mission|objective|role|directives?)\s*(?::|is\b|are\b|has\s+changed|have\s+changed|now\b)",
    ),
    _r(
        "you-were-told",
        0.6,
        r"\byou\s+(?:were|have\s+been)\s+(?:told|given|instructed|programmed|configured)\b"
        r"(?:\s+[\w'’-]+){0,3}?\s+(?:earlier|before|previously|above|so\s+far|until\s+now)\b|\b(?:what|everything)\s+"
        r"you\s+were\s+(?:told|given|instructed)\b",
    ),
    _r(
        "model-reads-this",
        0.8,
        rf"\b{_MODEL}s?\s+(?:that\s+|who\s+)?(?:is\s+|are\s+)?(?:reads?|reading|process(?:es|ing)?|"
        r"sees|parses|parsing|summari[sz](?:es|ing)|answering\s+from|generating)\s+(?:this|these|the\s+following)\b",
    ),
    _r(
        "automated-reader",
        0.8,
        r"\b(?:to|for)\s+(?:any|all|the|every)?\s*(?:automated|automatic|machine|ai)\s+(?:readers?|"
        r"systems?|tools?|agents?|processors?|summari[sz]ers?|pipelines?)\b|\bprocess(?:es|ing)?\s+this\s+(?:text|"
        r"document|passage|page|content)\s+automatically\b",
    ),
    _r(
        "model-vocative",
        1.0,
        rf"(?:^|[\n.!?:;]\s*){_MODEL}\s*,\s*(?:please|you|now|ignore|write|say|output|print|include|"
        r"conclude|always|do|don'?t|make|add|insert|put|state|respond|reply|slip|tell)\b",
    ),
    _r(
        "model-directive",
        0.8,
        r"\b(?:model|ai|llm|assistant|operator)\s+(?:directive|instruction|command|override|"
        r"message)s?\b|\bsystem\s+override\b",
    ),
    _r(
        "summaries-must",
        0.6,
        r"\b(?:summar(?:y|ies)|answers?|responses?|outputs?|articles?)\s+(?:of|about|on|from)\s+this\s+"
        r"(?:study|document|paper|article|abstract|text|trial|source|page)\s+(?:must|shall|will\s+always)\s+(?:state|say|"
        r"include|mention|report|read|contain|begin|end|conclude)\b",
    ),
    _r(
        "fake-delimiter",
        1.0,
        r"</?\s*(?:passage|question|system|instructions?|context|document|data|user|assistant|"
        r"prompt)\b[^<>]{0,80}>",
    ),
    _r(
        "task-switch",
        0.8,
        r"\b(?:new|real|actual|true|next|different)\s+(?:task|request|assignment|objective|job)\s*(?::|is\b)",
    ),
    _r(
        "revoked",
        1.0,
        r"\b(?:previous|prior|earlier|above|preceding|original|all)\s+(?:directions|instructions|rules|"
        r"configuration|prompts?|directives|guidance)\s+(?:are|is|were|have\s+been|has\s+been)\s+(?:now\s+)?(?:cancell?ed|"
        r"void|revoked|obsolete|replaced|invalid|no\s+longer\s+valid|superseded|lifted|disabled)\b|\b(?:prior|previous|"
        r"all)\s+(?:configuration|programming)\s+is\s+(?:void|cancell?ed|revoked)\b",
    ),
    _r(
        "rules-you-were",
        0.8,
        r"\b(?:rules|configuration|programming|guardrails|instructions)\s+(?:that\s+)?you\s+"
        r"(?:were|have\s+been|are)\s+(?:configured|programmed|trained|built|set\s+up)\b",
    ),
    _r(
        "before-this-point",
        0.6,
        r"\b(?:everything|all|anything|what(?:ever)?)\s+(?:written|said|stated|above|before|"
        r"preceding)\s+(?:before|above|preceding|until)?\s*this\s+(?:point|line|sentence|note|message)\b",
    ),
    _r("end-of-input", 0.4, r"\bend\s+of\s+(?:document|text|passage|context|input|data|file)\b\s*[.:!]"),
    _r(
        "tell-the-user",
        0.5,
        r"\b(?:tell|inform|show|remind|convince|assure)\s+(?:the|any)\s+(?:user|reader|human)s?\b",
    ),
    _r(
        "start-of-response",
        0.5,
        r"\bat\s+the\s+(?:start|end|beginning|top|bottom)\s+of\s+(?:your|the|each|every)\s+"
        r"(?:response|answer|reply|output|summary|article)\b",
    ),
    _r(
        "as-the-model",
        0.8,
        r"\bas\s+(?:the|an?)\s+(?:ai|assistant|llm|chatbot|language\s+model|model)\b[^.]{0,60}\byou\b",
    ),
    _r("role-line", 0.6, r"(?:^|\n)\s*(?:assistant|chatbot|ai)\s*\n"),
    # Generic shapes rather than phrases: a model as the agent of an output verb, the model's own output in the
    # second person, imperative output verbs aimed at an answer, bracketed role markers, foreign imperatives.
    _r(
        "model-agent",
        0.6,
        r"\b(?:ai|a\.i\.|llms?|language\s+models?|chatbots?|bots?|gpts?|chatgpt|claude|gemini|"
        r"summari[sz]ers?|models?\s+(?:that|which|who)\s+(?:read|process|see|summari[sz]e))\b[^.;:]{0,50}?\b(?:must|should|"
        r"shall|will|is\s+expected\s+to|are\s+expected\s+to|agrees?\s+to|is\s+required\s+to|are\s+required\s+to|needs?\s+to|"
        r"has\s+to|have\s+to|is\s+to|are\s+to)\s+(?:always\s+|now\s+|then\s+|also\s+)?" + _OUT_VERB,
    ),
    _r(
        "your-output",
        0.4,
        r"\byour\s+(?:answers?|outputs?|summary|summaries|repl(?:y|ies)|references|reference\s+list|"
        r"articles?|verdict|citations?|citation\s+list|completion|title|response(?!\s+(?:to|rate|was|is|in)\b))\b",
    ),
    _r(
        "imperative-output",
        0.4,
        r"(?:^|[\n.!?;:]\s*|\b(?:please|now|then|just|also|and)\s+)" + _OUT_VERB + r"\b[^.\n]{0,80}?"
        r"\b(?:your|the|each|every|any)\s+(?:answer|summary|output|reply|response|verdict|references|article|title)\b",
    ),
    _r(
        "imperative-code",
        0.4,
        r"(?:^|[\n.!?;:]\s*|\b(?:please|now|then|just|also|and)\s+)" + _OUT_VERB + r"\b[^.\n]{0,80}?"
        r"(?-i:\b[A-Z][A-Z0-9]{2,}[-_][A-Z0-9][A-Z0-9_-]{2,})",
    ),
    _r(
        "bracket-role",
        1.0,
        r"[\[{<]{1,2}\s*/?\s*(?:system|assistant|sys|inst|admin|developer|operator)\s*[\]}>]{1,2}",
    ),
    _r(
        "verdict-assign",
        0.5,
        # the engine's own verdicts or a code-like token, not a fact-check's rating ("Our verdict: correct.",
        # "VERDICT: Unsupported", "Overall verdict: the evidence is mixed", "The verdict is False")
        r"(?<!our\s)(?<!final\s)(?<!overall\s)\bverdict\s*(?:[:=]|is|should\s+be|must\s+be)\s*[\"'{\[(]?\s*(?:yes|no|maybe|"
        r"insufficient|not\s+recommended|recommended|contraindicated|generally\s+safe|use\s+with\s+caution)"
        r"(?=\s*(?:$|[\"'}\]),;]|\.\s*$))"
        r"|\bverdict\s*(?:[:=]|is|should\s+be|must\s+be)\s*[\"'{\[(]?\s*[a-z]+-[a-z0-9-]*\d[a-z0-9-]*|\b(?:make|set|change)\s+the\s+verdict\b",
    ),
    _r(
        "whoever-writes",
        0.6,
        r"\bwhoever\s+(?:writes|reads|processes|summari[sz]es|generates|answers)\b|\bhuman\s+"
        r"(?:reviewers|readers)\s+(?:can|may|should)\s+(?:skip|ignore)\b",
    ),
    _r(
        "override-objective",
        1.0,
        r"\b(?:abandon|drop|forget|disobey|ignore|discard|defy)\s+(?:your|the)\s+(?:current\s+|"
        r"original\s+|previous\s+|prior\s+)?(?:objective|task|goal|operator|mission|orders|programming|developers?)\b",
    ),
    _r(
        "instructions-wrong",
        1.0,
        r"\b(?:instructions|rules|prompt|directions)\s+(?:above|before|earlier|you\s+received)\s+"
        r"(?:were|was|are|is)\s+(?:a\s+mistake|wrong|incorrect|void|fake|outdated|a\s+test)\b",
    ),
    _r(
        "foreign-imperative",
        0.4,
        r"\b(?:escribe|responde|imprime|incluye|écri[st]|répon[ds]|imprime[zr]?|schreib(?:e|t)?|"
        r"antworte|gib\s+aus|scrivi|rispondi)\b",
    ),
    _r(
        "foreign-model",
        0.4,
        r"\b(?:modelo|asistente|modèle|assistant\s+ia|modell|assistent|ki-modell|modello|"
        r"instrucciones|consignes|anweisungen|istruzioni)\b",
    ),
    _r(
        "ignore-question",
        0.6,
        r"\b(?:ignore|disregard)\s+(?:the|this|their|any)\s+(?:user'?s?\s+)?(?:question|query|"
        r"request|task)\b",
    ),
    _r(
        "pretend",
        0.6,
        r"\b(?:pretend\s+(?:to\s+be|you\s+are)|role-?\s?play\s+as|from\s+now\s+on,?\s+(?:you|act|"
        r"respond|answer|say))\b",
    ),
    _r("jailbreak", 0.6, r"\b(?:jailbreak\w*|dan\s+mode|developer\s+mode|do\s+anything\s+now)\b"),
    # Dictating the output.
    _r(
        "respond-with",
        0.7,
        r"\b(?:respond|reply|answer)\s+(?:only\s+|exclusively\s+|solely\s+)?(?:with|using)\s+"
        r"(?:the\s+(?:word|phrase|string|token|code|following|sentence|text)|exactly|only|[\"'“‘]|yes\b|no\b|"
        r"[A-Z0-9]+-[A-Z0-9-]{3,})",
    ),
    _r(
        "output-following",
        0.7,
        r"\b(?:output|print|say|repeat|echo|type|write|reply|respond)\s+"
        r"(?:exactly\s+|only\s+|verbatim\s+)?(?:the\s+following|this\s+(?:exact\s+)?(?:text|phrase|string|"
        r"sentence|word)|the\s+(?:word|phrase|string|token|code)\b)",
    ),
    # Case matters here (a shouted code after a verb), so this rule runs on the unfolded text.
    _r(
        "emit-code",
        0.4,
        r"\b(?:output|print|say|repeat|echo|type|write)\s+(?:the\s+)?(?:code\s+|string\s+|token\s+|"
        r"phrase\s+|word\s+)?[\"'“‘]?(?-i:[A-Z][A-Z0-9]{2,}[-_][A-Z0-9][A-Z0-9_-]{2,})",
    ),
    _r(
        "in-your-answer",
        0.5,
        r"\b(?:in|to|at\s+the\s+(?:start|end|beginning)\s+of)\s+(?:your|every|each|any)\s+"
        r"(?:answer|reply|output|summary|summaries|completion|responses?(?!\s+(?:to|of|rate|was|were|in)\b))\b",
    ),
    _r(
        "begin-your",
        0.8,
        r"\b(?:begin|start|end|finish|prefix|conclude)\s+(?:your|every|each|all)\s+(?:answer|"
        r"response|reply|output|summary|message)s?\b",
    ),
    _r(
        "when-summarising",
        0.6,
        r"\bwhen\s+(?:you\s+)?(?:are\s+)?(?:summari[sz]\w*|answering|generating|responding|"
        r"asked\s+about)\b[^.]{0,80}?,\s*(?:always\s+|please\s+|just\s+)?(?:say|state|write|claim|mention|include|"
        r"respond|reply|tell|conclude|output|report)\b",
    ),
    _r(
        "instead-say",
        0.5,
        r"\binstead,?\s+(?:just\s+)?(?:say|write|respond|reply|output|print|tell\s+the\s+user|"
        r"state\s+that)\b",
    ),
    _r("do-not-cite", 0.4, r"\b(?:do\s+not|don'?t|never|stop)\s+(?:cite|citing)\b"),
    _r(
        "do-not-cite-sources",
        0.8,
        r"\b(?:do\s+not|don'?t|never|stop)\s+(?:cite|citing|reference|referencing|mention)\s+"
        r"(?:any\s+|the\s+|other\s+|these\s+|this\s+)?(?:other\s+)?(?:sources?|citations?|references?|passages?|"
        r"documents?|studies|articles?)\b",
    ),
    _r(
        "do-not-reveal",
        1.0,
        r"\b(?:do\s+not|don'?t|never)\s+(?:mention|reveal|disclose|tell)\s+(?:anyone\s+)?"
        r"(?:about\s+)?(?:this|these|the)\s+(?:instructions?|prompt|message|note|text)\b",
    ),
    _r("user-asks", 0.4, r"\b(?:the|a)\s+user\s+(?:asks|says|wants|requests|is\s+asking)\b"),
    # Chat-template and role markers.
    _r(
        "role-token",
        1.0,
        r"<\|\s*(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|"
        r"end_header_id|begin_of_text)\s*\|>|\[/?INST\]|<</?SYS>>|<\|[a-z_]+\|>",
    ),
    _r(
        "role-heading",
        1.0,
        r"(?:^|\n)\s*#{2,}\s*(?:instruction|instructions|system|response|assistant|user|human)"
        r"\b\s*:?",
    ),
    _r(
        "role-label",
        0.6,
        r"(?:(?:^|[\n.!?>]\s*)(?:assistant|ai|bot|chatbot|gpt|claude)|(?:[(#\-]\s*)(?:assistant|"
        r"chatbot|gpt|claude))\s*:\s+\S",
    ),
    _r("role-label-weak", 0.3, r"(?:^|[\n.!?>]\s*)(?:system|human|user)\s*:\s+\S"),
    _r("html-comment", 0.3, r"<!--.*?-->"),
    _r(
        "llm-mention",
        0.3,
        r"\b(?:large\s+language\s+models?|llms?|chatgpt|prompt\s+injection|language\s+models?)\b",
    ),
)

# Cheap pre-checks: a rule runs only when one of its words occurs in the folded text (10x faster on clean text).
_VERBS = (
    "ignor",
    "disregard",
    "overrid",
    "bypass",
    "discard",
    "aside",
    "overlook",
    "abandon",
    "skip",
    "follow",
)
NEEDLES: dict[str, tuple[str, ...]] = {
    "override": _VERBS,
    "override-the": _VERBS,
    "override-all": (*_VERBS, "forget"),
    "forget": ("forget",),
    "override-rules": (*_VERBS, "forget"),
    "multilingual": ("ignor", "olvida", "vergiss"),
    "system-prompt": ("prompt", "developer", "system message"),
    "reveal-prompt": ("prompt", "instruction"),
    "new-instructions": ("instruction",),
    "you-are-now": ("you are", "you must", "you will"),
    "you-are-ai": ("you are",),
    "as-an-ai": ("as a",),
    "addressed-model": ("note", "message", "instruction", "attention"),
    "model-must": ("ai", "assistant", "chatbot", "llm", "model", "summari", "bot"),
    "vocative": ("attention", "hey", "hello", "hi ", "hi,", "dear", "note", "psst"),
    "generated-summary": ("generated", "automated"),
    "not-the-reader": ("not",),
    "ignore-question": ("ignor", "disregard"),
    "your-task": ("your",),
    "you-were-told": ("you were", "you have been"),
    "model-reads-this": ("this", "the following"),
    "automated-reader": ("automat", "machine", "ai "),
    "model-vocative": (
        "ai",
        "llm",
        "chatbot",
        "assistant",
        "model",
        "gpt",
        "claude",
        "gemini",
        "bot",
        "agent",
        "summari",
    ),
    "model-directive": ("directive", "instruction", "command", "override", "message"),
    "summaries-must": ("this",),
    "fake-delimiter": ("<",),
    "model-agent": ("ai", "llm", "language model", "bot", "gpt", "claude", "gemini", "summari", "model"),
    "your-output": ("your",),
    "imperative-output": (
        "answer",
        "summar",
        "output",
        "repl",
        "respons",
        "verdict",
        "reference",
        "article",
        "title",
    ),
    "bracket-role": ("[", "{", "<"),
    "verdict-assign": ("verdict",),
    "whoever-writes": ("whoever", "human"),
    "override-objective": ("abandon", "drop", "forget", "disobey", "ignor", "discard", "defy"),
    "instructions-wrong": ("instruction", "rules", "prompt", "direction"),
    "foreign-imperative": (
        "escrib",
        "respond",
        "imprim",
        "inclu",
        "écri",
        "répon",
        "schreib",
        "antwort",
        "gib",
        "scriv",
        "rispond",
    ),
    "foreign-model": ("model", "asistente", "assistent", "instruc", "consignes", "anweisung", "istruzion"),
    "task-switch": ("task", "request", "assignment", "objective", "job"),
    "revoked": ("configuration", "programming", "direction", "instruction", "rules", "prompt", "guidance"),
    "rules-you-were": ("you",),
    "before-this-point": ("this",),
    "end-of-input": ("end of",),
    "tell-the-user": ("user", "reader", "human"),
    "start-of-response": ("at the",),
    "as-the-model": ("as ",),
    "role-line": ("\n",),
    "pretend": ("pretend", "role", "from now on"),
    "jailbreak": ("jailbreak", "dan", "developer mode", "anything now"),
    "respond-with": ("respond", "reply", "answer"),
    "output-following": ("output", "print", "say", "repeat", "echo", "type", "write", "reply", "respond"),
    "emit-code": ("output", "print", "say", "repeat", "echo", "type", "write"),
    "in-your-answer": ("your", "every", "each", "any"),
    "begin-your": ("your", "every", "each", "all"),
    "when-summarising": ("when",),
    "instead-say": ("instead",),
    "do-not-cite": ("cit",),
    "do-not-cite-sources": ("not", "never", "stop", "don"),
    "do-not-reveal": ("not", "never", "don"),
    "user-asks": ("user",),
    "role-token": ("<|", "[inst", "[/inst", "<<sys", "<</sys"),
    "role-heading": ("##",),
    "role-label": (":",),
    "role-label-weak": (":",),
    "html-comment": ("<!--",),
    "llm-mention": ("model", "llm", "chatgpt", "injection"),
}

CASED = frozenset({"emit-code", "imperative-code"})
CODE = re.compile(r"[A-Z][A-Z0-9]{2,}[-_][A-Z0-9]")  # rules about shouted codes run only when one is present
COMPACT = re.compile(
    r"(?:ignore|disregard|forget)(?:all|any|the|your)?(?:previous|prior|above|earlier|preceding)?"
    r"(?:instructions?|prompts?|directives?)|disregardtheabove|ignoretheabove|"
    r"youarenow(?:dan|unrestricted|jailbroken)"
)
