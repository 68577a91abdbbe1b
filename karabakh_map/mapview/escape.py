"""JSON embedded in a <script> element, safe whatever text it carries.

There, `</script>` or `<!--` inside a string would end or bend the element, and folium/branca
or streamlit-folium may pass the script through Jinja, where `{{`, `{%` and `{#` would start
a template tag. The map puts untrusted text (notes, titles, quotes) only in such JSON;
timemap.js inserts it as text, never as HTML.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SCRIPT_JSON = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})
# In compact JSON a structural `{` is followed by `"` or `}`: these only occur in strings.
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def script_json(value: Any) -> str:
    """JSON for a JavaScript expression inside <script>: no `<`, `>`, `&` or line separators
    appear raw, so no string value can close the element or start a comment; and no
    `{{`, `{%` or `{#`, so no string value is a Jinja tag if the script is templated."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JINJA_OPEN.sub(r"\\u007b", text.translate(_SCRIPT_JSON))
