"""The OWL 2 RL closure (the fast reasoner and owlrl) and the consistency checks over it.
Uses ``kg.graph``."""
