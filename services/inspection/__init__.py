"""Inspection service: inspections (thanh tra / kiểm tra) of units, their findings and conclusions."""
