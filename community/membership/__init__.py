"""The membership domain: applying, admission and renewal by the association, dues, the
directory and profiles. Its data are community's models (users, structures, memberships, dues);
who counts as a current member is community.selectors."""
