"""The demo data set of ``manage.py seed_demo``: Istog, Peja and Prishtinë with 18 months of work.

Names of places, bodies and people are data here, and only here: nothing in the application
depends on them.
"""
