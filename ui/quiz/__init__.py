"""The interview-prep page (pages/quiz.py): its view and panels."""
