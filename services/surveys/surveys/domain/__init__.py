"""The surveys domain: consultations, questions, skip logic, invitations, results. No I/O."""
