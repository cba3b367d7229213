"""The public message boards under /hudong/ (互动交流): board, message pages, writing, lookup."""
