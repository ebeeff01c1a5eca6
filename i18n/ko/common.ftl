# Shared by every part of the kiosk and the dashboard.
app-name = 배움터 키오스크
# Lesson progress, e.g. "3 / 12".
step-progress = { $current } / { $total }
level-basic = 기초
level-everyday = 생활
level-advanced = 심화
