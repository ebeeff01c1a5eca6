# Shared by every part of the kiosk and the dashboard.
app-name = Baeumteo Learning Kiosk
# Lesson progress, e.g. "3 / 12".
step-progress = { $current } / { $total }
level-basic = Basic
level-everyday = Everyday life
level-advanced = Advanced
