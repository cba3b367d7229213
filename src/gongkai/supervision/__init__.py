"""督查考核 (supervision and assessment): website inspection to the national indicators
(国办秘函〔2019〕19号), and later the annual assessment and task decomposition."""
