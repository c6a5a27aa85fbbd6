// Tests and benchmarks that import the support module also see the core types (SeededGenerator…).
@_exported import SkillsCore
