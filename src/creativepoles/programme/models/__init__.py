"""Programme models: project and periods, partners and money, reports, indicators, charter, pilots."""

from creativepoles.programme.models.charter import CharterVersion, Commitment, Signatory
from creativepoles.programme.models.control import (
    ChecklistAnswer,
    ChecklistQuestion,
    ChecklistTemplate,
    ErrorType,
    ItemVerification,
    Outcome,
    ReportComment,
)
from creativepoles.programme.models.indicators import Indicator, IndicatorValue
from creativepoles.programme.models.money import BudgetLine, CoFinancing, CostCategory, Expenditure
from creativepoles.programme.models.payments import (
    Claim,
    ClaimCertificate,
    ExchangeRate,
    Instalment,
    Payment,
    PaymentKind,
    Procurement,
)
from creativepoles.programme.models.pilots import Milestone, PilotProject
from creativepoles.programme.models.project import Partner, PartnerRole, Period, Project
from creativepoles.programme.models.reports import PartnerReport, ProjectReport, ReportSnapshot, ReportStatus

__all__ = [
    "ChecklistAnswer", "ChecklistQuestion", "ChecklistTemplate", "Claim", "ClaimCertificate", "ErrorType",
    "ExchangeRate", "Instalment", "ItemVerification", "Outcome", "Payment", "PaymentKind", "Procurement",
    "ReportComment",
    "BudgetLine", "CharterVersion", "CoFinancing", "Commitment", "CostCategory", "Expenditure",
    "Indicator", "IndicatorValue", "Milestone", "Partner", "PartnerReport", "PartnerRole", "Period",
    "PilotProject", "Project", "ProjectReport", "ReportSnapshot", "ReportStatus", "Signatory",
]
