"""The schema as SQLAlchemy 2.0 mapped classes. No business rules live here.

Text columns that never hold words a person typed are marked
``info={"system": True}``; the safety tests write a canary string into every
other text column and check none reaches the disk in plaintext.
"""

from .base import Base
from .accounts import Account, AccountRole
from .audit import AuditEntry
from .settings import Setting
from .drafts import Draft
from .letters import DirectoryEntry, Letter
from .concerns import (Concern, Decision, Explanation, LineManagerDiscussion,
                       OutcomeCommunication)
from .casework import (Assessment, Case, CaseEvent, Client, PersonOfConcern,
                        SupportSession)
from .diary import Room, Site
from .records import CaseNote, ClientChange, ConsentRecord, ContactAttempt, EqualityMonitoring
from .waiting import WaitingListEntry
from .retention import Erasure
from .connections import (ConnectionDecision, ConnectionFlag, ConnectionKey,
                          ConnectionOverride)

__all__ = ["Base", "Account", "AccountRole", "AuditEntry", "Setting", "Draft", "Assessment", "Case",
           "CaseEvent", "Client", "PersonOfConcern", "SupportSession", "Concern",
           "Decision", "Explanation", "LineManagerDiscussion", "OutcomeCommunication", "DirectoryEntry", "Letter",
           "ConnectionDecision", "ConnectionFlag", "ConnectionKey", "ConnectionOverride",
           "Erasure", "Room", "Site", "CaseNote", "ClientChange", "ConsentRecord",
           "ContactAttempt", "EqualityMonitoring", "WaitingListEntry"]
