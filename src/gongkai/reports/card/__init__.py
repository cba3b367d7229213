"""The year's report card (成绩单) of a government: the year's figures from every module."""
