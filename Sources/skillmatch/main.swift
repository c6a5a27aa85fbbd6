import SkillsEngine
print("skillmatch")
