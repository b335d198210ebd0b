"""The council's safety action plan and its public priorities ("you said, we did").

A plan is not a meeting and not an action: it is the council's commitment for a period, which
meetings adopt, the Municipal Assembly approves and follow-up actions carry out. Priorities are
the same kind of public commitment, short-term. Both live here so councils (meetings) and
policing (actions) stay what they are and link to them.
"""
