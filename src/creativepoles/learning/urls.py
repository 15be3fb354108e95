"""Learning pages."""

from django.urls import path

from creativepoles.learning.views import course, library, training

app_name = "learning"
urlpatterns = [
    path("learning/", training.index, name="index"),
    path("learning/packages/new/", training.package_create, name="package-create"),
    path("learning/packages/<int:pk>/", training.package_detail, name="package-detail"),
    path("learning/packages/<int:pk>/materials/", training.material_upload, name="material-upload"),
    path("learning/packages/<int:pk>/<slug:action>/", training.package_action, name="package-action"),
    path("learning/packages/<int:pk>/materials/<int:material_pk>/", training.material, name="material"),
    path("learning/sessions/", training.session_list, name="session-list"),
    path("learning/sessions/new/", training.session_form, name="session-create"),
    path("learning/sessions/<int:pk>/", training.session_detail, name="session-detail"),
    path("learning/sessions/<int:pk>/attendance/", training.session_attendance, name="session-attendance"),
    path("learning/feedback/<str:token>/", training.feedback, name="feedback"),
    path("learning/course/import/", course.course_import, name="course-import"),
    path("learning/course/<slug:slug>/", course.course_detail, name="course-detail"),
    path("learning/course/<slug:slug>/enrol/", course.course_enrol, name="course-enrol"),
    path("learning/course/<slug:slug>/export.<slug:kind>", course.course_export, name="course-export"),
    path("learning/course/<slug:slug>/lessons/<int:pk>/", course.lesson, name="lesson"),
    path("learning/course/<slug:slug>/lessons/<int:pk>/done/", course.lesson_done, name="lesson-done"),
    path("learning/course/<slug:slug>/quizzes/<int:pk>/", course.quiz, name="quiz"),
    path("learning/enrolments/<int:pk>/", course.enrolment_detail, name="enrolment"),
    path("learning/enrolments/<int:pk>/certificate.pdf", course.certificate, name="certificate"),
    path("learning/certificates/<uuid:code>/", course.verify, name="verify"),
    path("learning/cases/", library.case_list, name="case-list"),
    path("learning/cases/<int:pk>/", library.case_detail, name="case-detail"),
]
