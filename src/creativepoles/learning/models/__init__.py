"""Learning models: packages and sessions, the course and its learners, the good-practice library."""

from creativepoles.learning.models.course import (
    Choice,
    Course,
    CourseModule,
    Enrolment,
    EnrolmentQuerySet,
    Lesson,
    LessonDone,
    Question,
    QuestionKind,
    Quiz,
    QuizAttempt,
)
from creativepoles.learning.models.library import Case, CaseKind, CaseMessage
from creativepoles.learning.models.packages import (
    TRAINERS,
    Feedback,
    PackageFormat,
    PackageMaterial,
    PackageModule,
    PackageStatus,
    Participant,
    TrainingPackage,
    TrainingSession,
    session_summary,
)

__all__ = [
    "TRAINERS", "Case", "CaseKind", "CaseMessage", "Choice", "Course", "CourseModule", "Enrolment",
    "EnrolmentQuerySet", "Feedback", "Lesson", "LessonDone", "PackageFormat", "PackageMaterial", "PackageModule",
    "PackageStatus", "Participant", "Question", "QuestionKind", "Quiz", "QuizAttempt", "TrainingPackage",
    "TrainingSession", "session_summary",
]
