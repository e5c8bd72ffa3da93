"""Training service: courses, enrollments and results of officials' training (đào tạo, bồi dưỡng)."""
