"""Access level of each URL of the cvtheque app (read by community's members-only gate).

Object rules (a hidden CV, an offer of another structure, a message to someone else) are
checked by the views and services.
"""

from community import roles

URL_ACCESS = {
    "cvtheque:home": roles.MEMBER,
    "cvtheque:my_profile": roles.MEMBER,
    "cvtheque:my_profile_renew": roles.MEMBER,
    "cvtheque:my_profile_delete": roles.MEMBER,
    "cvtheque:my_profile_export": roles.MEMBER,
    "cvtheque:profile_list": roles.MEMBER,
    "cvtheque:profile_detail": roles.MEMBER,
    "cvtheque:profile_cv": roles.MEMBER,
    "cvtheque:contact_list": roles.MEMBER,
    "cvtheque:contact_detail": roles.MEMBER,
    "cvtheque:contact_reply": roles.MEMBER,
    "cvtheque:contact_decline": roles.MEMBER,
    "cvtheque:offer_list": roles.MEMBER,
    "cvtheque:offer_detail": roles.MEMBER,
    # Recruiters: search CVs, contact candidates, publish offers for their structure.
    "cvtheque:search": roles.RECRUITER,
    "cvtheque:contact_candidate": roles.RECRUITER,
    "cvtheque:sent_contacts": roles.RECRUITER,
    "cvtheque:my_offers": roles.RECRUITER,
    "cvtheque:offer_create": roles.RECRUITER,
    "cvtheque:offer_edit": roles.RECRUITER,
    "cvtheque:offer_publish": roles.RECRUITER,
    "cvtheque:offer_close": roles.RECRUITER,
    "cvtheque:offer_delete": roles.RECRUITER,
}
