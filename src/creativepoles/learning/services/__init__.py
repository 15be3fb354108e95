"""Every write of the learning module: packages, sessions, the course and its learners, the library."""
