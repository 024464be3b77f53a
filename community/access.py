"""The access level each URL of the project requires, collected from every Cimaise app.

Each app declares its table as the `access` contribution of its AppConfig (community/registry.py),
usually `<app>/access.py`'s `URL_ACCESS = {"ns:name": level}`; `"ns:*"` covers a whole namespace.
The gate middleware reads the merged table, and the access-matrix test fails for any URL that no
app classified. This module is also the community app's own table (and allauth's, the admin's).
"""

from functools import cache

from community import registry, roles

URL_ACCESS = {
    # allauth: reachable before logging in.
    "account_login": roles.PUBLIC,
    "account_signup": roles.PUBLIC,
    "account_confirm_email": roles.PUBLIC,
    "account_email_verification_sent": roles.PUBLIC,
    "account_reset_password": roles.PUBLIC,
    "account_reset_password_done": roles.PUBLIC,
    "account_reset_password_from_key": roles.PUBLIC,
    "account_reset_password_from_key_done": roles.PUBLIC,
    "account_inactive": roles.PUBLIC,
    "account_logout": roles.PUBLIC,
    "account_login_code_confirm": roles.PUBLIC,
    "account_request_login_code": roles.PUBLIC,
    "account_confirm_login_code": roles.PUBLIC,
    "account_reauthenticate": roles.APPLICANT,
    "account_change_password": roles.APPLICANT,
    "account_set_password": roles.APPLICANT,
    "account_email": roles.APPLICANT,
    "mfa_authenticate": roles.PUBLIC,
    "mfa_reauthenticate": roles.APPLICANT,
    "mfa_index": roles.APPLICANT,
    "mfa_activate_totp": roles.APPLICANT,
    "mfa_deactivate_totp": roles.APPLICANT,
    "mfa_view_recovery_codes": roles.APPLICANT,
    "mfa_generate_recovery_codes": roles.APPLICANT,
    "mfa_download_recovery_codes": roles.APPLICANT,
    "mfa_trust": roles.PUBLIC,
    "admin:*": roles.STAFF,
    "set_language": roles.PUBLIC,
    # community
    "community:legal": roles.PUBLIC,
    "community:favicon": roles.PUBLIC,  # asked by browsers before anyone logs in
    "community:accessibility": roles.PUBLIC,
    "community:home": roles.APPLICANT,  # applicants are sent on to their application
    "community:apply": roles.APPLICANT,
    "community:pending": roles.APPLICANT,
    "community:renew": roles.APPLICANT,
    "community:member_detail": roles.MEMBER,
    "community:directory": roles.MEMBER,
    "community:search": roles.MEMBER,
    "community:profile": roles.APPLICANT,
    "community:profile_work": roles.APPLICANT,
    "community:profile_photo": roles.APPLICANT,
    "community:member_photo": roles.MEMBER,
    "community:gdpr": roles.APPLICANT,
    "community:gdpr_export": roles.APPLICANT,
    "community:gdpr_delete": roles.APPLICANT,
    "community:account_deleted": roles.PUBLIC,  # seen just after logging out
    "community:membership_list": roles.STAFF,
    "community:membership_export": roles.STAFF,
    "community:membership_detail": roles.STAFF,
    "community:membership_approve": roles.STAFF,
    "community:membership_reject": roles.STAFF,
    "community:membership_suspend": roles.STAFF,
    "community:membership_renew": roles.STAFF,
    "community:membership_record_dues": roles.STAFF,
    "community:membership_structure": roles.STAFF,
    "community:vouch_list": roles.MEMBER,
    "community:vouch_answer": roles.MEMBER,
    "community:structure_list": roles.STAFF,
    "community:structure_detail": roles.STAFF,
    "community:structure_contact": roles.STAFF,
    "community:knowledge_lists": roles.STAFF,
    "community:knowledge_entry": roles.STAFF,
}

# Static and media files are served by whitenoise or the web server before the gate.
PUBLIC_PATH_PREFIXES = ("/static/",)


@cache
def url_access_table() -> dict[str, str]:
    table = {}
    for _app, url_access in registry.contributions("access"):
        table.update(url_access)
    return table


def level_for(namespace: str, url_name: str | None) -> str | None:
    """The level required by a resolved URL, or None when nobody classified it."""
    table = url_access_table()
    full = f"{namespace}:{url_name}" if namespace else (url_name or "")
    if url_name and full in table:
        return table[full]
    # The most specific namespace wildcard wins: "forum:*" then "forum_x:*".
    parts = namespace.split(":") if namespace else []
    while parts:
        key = ":".join(parts) + ":*"
        if key in table:
            return table[key]
        parts.pop()
    return None
