"""Micro Pause's core: content, player logic, the practice log and streaks. Never imports Flet."""
