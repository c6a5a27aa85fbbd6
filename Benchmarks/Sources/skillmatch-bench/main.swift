print("skillmatch-bench")
