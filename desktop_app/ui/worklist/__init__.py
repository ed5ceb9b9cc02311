"""The "A 证待补充信息" worklist: who still has to supplement A-certificate information, per unit
and enterprise, with the campaign's template export and import."""
