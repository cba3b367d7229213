"""互动交流 (citizen messages): the party secretary's and mayor's message boards, the mayor's
mailbox and hotline, with assignment, supervision and masked publication."""
