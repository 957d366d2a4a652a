"""The connection check, so that a survivor never meets their abuser here (DESIGN.md section 5).

index.py: the people as the matcher sees them and their blocking keys; check.py: the check
itself, run when a referral is saved, a person of concern is named, a client's details
change or a client is identified as a potential perpetrator; holds.py: a likely match holds
the client's case for a manager; flags.py: the managers' queue of flags and their decisions;
separation.py: linked people kept apart in the diary and in who works with them.

Import the module you need (``from sv2desk.services.connections import flags``): this file
imports none of them, so importing one never imports the others.
"""
