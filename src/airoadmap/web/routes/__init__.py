"""One router per concern: roadmap, month, exercise, runs, quiz, and the bundled assets."""
