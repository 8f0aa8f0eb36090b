"""The ends of messages that suggest: a close match, or the names there are."""

TEMPLATES: dict[str, dict[str, str]] = {
    "hint.did-you-mean": {
        "en": " (did you mean '{name}'?)",
        "zh": "（是不是 '{name}'？）",
    },
    "hint.did-you-mean-named": {
        "en": " (did you mean '{id}' ({name})?)",
        "zh": "（是不是 '{id}'（{name}）？）",
    },
    "hint.known": {
        "en": "; known: {names}",
        "zh": "；已定义的有：{names}",
    },
    "hint.try": {
        "en": "; try '{value}'",
        "zh": "；可以写成 '{value}'",
    },
}
