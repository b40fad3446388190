"""`converter serve`: a small local web app for customer services (see app.py)."""
