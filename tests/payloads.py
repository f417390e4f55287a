"""Attacks a legal team's text could carry to a page, shared by the validation and the browser tests."""

PAYLOADS = [
    "<script>window.pwned = 'script'</script>",
    "<img src=x onerror=\"window.pwned = 'onerror'\">",
    "[Read more](javascript:window.pwned='markdown-link')",
    "[Read more](JaVaScRiPt:window.pwned='mixed-case')",
    "<a href=\"javascript:window.pwned='html-link'\">Read more</a>",
    "<iframe src=\"javascript:window.pwned='iframe'\"></iframe>",
    "<svg onload=\"window.pwned='svg'\"></svg>",
    "**Bold** <b onclick=\"window.pwned='onclick'\">text</b>",
    "<a href=\"data:text/html,<script>parent.pwned='data'</script>\">Read more</a>",
    "<style>body { display: none }</style>Hidden?",
    "<form action=\"javascript:window.pwned='form'\"><button>Send</button></form>",
]
