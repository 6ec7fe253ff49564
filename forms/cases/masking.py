"""Masking personal data for lists and anyone who does not need it in full."""


def mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    value = value or ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + (value[-keep_end:] if keep_end else "")


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678; a landline keeps its area code: 0595-****5678."""
    if phone and "-" in phone:
        area, rest = phone.split("-", 1)
        return f"{area}-{mask_middle(rest, 0, 4)}"
    return mask_middle(phone, 3, 4)


def mask_name(name: str) -> str:
    """张三丰 -> 张**."""
    return mask_middle(name, 1, 0) if name else ""


def mask_email(email: str) -> str:
    """zhangsan@example.com -> z*******@example.com."""
    if not email or "@" not in email:
        return mask_middle(email, 1, 0)
    local, domain = email.split("@", 1)
    return f"{mask_middle(local, 1, 0)}@{domain}"


def mask_identity_number(number: str) -> str:
    """350502199001011234 -> 3505**********1234."""
    return mask_middle(number, 4, 4)


def mask_bank_account(number: str) -> str:
    """1408011009000123456 -> 1408***********3456."""
    return mask_middle(number, 4, 4)
