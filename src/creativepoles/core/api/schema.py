"""OpenAPI post-processing: every operation documents the errors it can answer, in the one error format."""

from __future__ import annotations

from typing import Any

from django.conf import settings

ERROR_COMPONENT = "Error"
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "Every error answer of the API. `detail` describes a refusal of the request as a whole; on a 400 "
        "each other key names a field of the body (or a query parameter, or `non_field_errors`) with its "
        "messages. Nested fields are named with dots, e.g. `criteria.0.weight`."
    ),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "minProperties": 1,
    "example": {"name": ["This field is required."]},
}
DESCRIPTIONS = {
    "400": "Invalid input: the body or a query parameter was refused, with a message per field.",
    "403": "Not allowed: sign in (or send a valid token), or this account may not do this.",
    "404": "Not found, or not visible to this account; on a list, a page past the last one.",
    "415": "The body is not in one of the media types this operation reads.",
    "429": "Too many requests; try again later.",
}
# Free text filters read an empty value as "not given"; every typed parameter refuses it with a 400.
EMPTY_TEXT = "An empty value is the same as leaving the parameter out."
UNSAFE = {"post", "put", "patch", "delete"}
METHODS = UNSAFE | {"get", "head", "options", "trace"}


def _codes(method: str, operation: dict[str, Any], throttled: bool) -> list[str]:
    """The error codes an operation can answer, from its shape."""
    parameters = operation.get("parameters", [])
    codes = []
    # Writes can be refused by a service's business rule (a DomainError) even without a body.
    if method in UNSAFE or "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
        codes.append("400")
    # Unauthenticated writes are refused; so is any request with an invalid token (reads included).
    if method in UNSAFE or operation.get("security"):
        codes.append("403")
    is_list = any(p.get("in") == "query" and p.get("name") == "page" for p in parameters)
    if is_list or any(p.get("in") == "path" for p in parameters):
        codes.append("404")
    if "requestBody" in operation:
        codes.append("415")
    if throttled:
        codes.append("429")
    return codes


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular post-processing hook: add the Error component and the 4xx answers to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    throttled = bool(settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_CLASSES"))
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and parameter.get("schema", {}).get("type") == "string" \
                        and "enum" not in parameter["schema"]:
                    text = parameter.get("description", "")
                    parameter["description"] = f"{text} {EMPTY_TEXT}".strip()
            responses = operation.setdefault("responses", {})
            for code in _codes(method, operation, throttled):
                responses.setdefault(code, {
                    "description": DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": reference}},
                })
    return result
