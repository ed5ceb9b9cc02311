"""系统管理: the administration window (admin only) and its sections."""
