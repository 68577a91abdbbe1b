"""Escaping untrusted text for the places the map can put it.

Three contexts: HTML text and attributes; a JavaScript template literal (folium's Popup
builds its content inside backticks, where `${...}` runs and a backslash starts an escape);
and JSON embedded in a <script> element (where `</script>` or `<!--` would end or bend it,
and which folium/branca or streamlit-folium may pass through Jinja, where `{{`, `{%` and
`{#` would start a template tag).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

_JS_TEMPLATE = str.maketrans({"\\": "\\\\", "`": "\\`", "$": "\\$"})
_SCRIPT_JSON = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})
# In compact JSON a structural `{` is followed by `"` or `}`: these only occur in strings.
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def escape_html(text: object) -> str:
    """Text safe as HTML content or a quoted attribute value."""
    return html.escape(str(text), quote=True)


def escape_js_template(text: object) -> str:
    """Text safe inside a JavaScript template literal (backslash, backtick and `$` escaped)."""
    return str(text).translate(_JS_TEMPLATE)


def escape_for_folium_popup(text: object) -> str:
    """Untrusted text for folium.Popup/Tooltip: HTML-escaped (and the `{` that would open
    a Jinja tag: folium renders the popup's HTML as a template), then escaped for the
    template literal folium wraps it in, so it shows as typed and never runs."""
    return escape_js_template(_JINJA_OPEN.sub("&#123;", escape_html(text)))


def script_json(value: Any) -> str:
    """JSON for a JavaScript expression inside <script>: no `<`, `>`, `&` or line separators
    appear raw, so no string value can close the element or start a comment; and no
    `{{`, `{%` or `{#`, so no string value is a Jinja tag if the script is templated."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JINJA_OPEN.sub(r"\\u007b", text.translate(_SCRIPT_JSON))
