# The learner side of the kiosk: welcome, sign-in, courses, lesson player.

## Always-visible bar
nav-home = 처음으로
nav-help = 도움 요청
help-sent = 선생님을 불렀어요. 잠시만 기다려 주세요.
text-size-button = 글자 크기 { $percent }%
contrast-button = 진한 화면

## Welcome
welcome-start = 시작하기
welcome-instructor = 강사 모드
welcome-no-center = 배움터
# Today's date and time on the welcome screen, e.g. "11월 22일 일요일 오전 9:30".
welcome-clock = { $date } { $time }

## Sign-in
signin-title = 이름을 골라 주세요
signin-all = 전체
signin-confirm = 이 이름으로 시작
signin-choose-first = 먼저 이름을 눌러 주세요
signin-new = 처음 오셨어요?
signin-new-help = 처음 오신 분은 선생님이 등록해 드려요. 아래 '도움 요청'을 눌러 주세요.
signin-previous-page = 앞 쪽
signin-next-page = 다음 쪽
signin-page = { $page } / { $pages } 쪽
signin-empty = 아직 등록된 분이 없어요. 선생님께 등록을 부탁해 주세요.
# The selected name on the confirm line, e.g. "김순자 님".
signin-selected = { $name } 님
pin-title = 비밀번호 네 자리를 눌러 주세요
pin-clear = 지우기
pin-confirm = 확인
pin-wrong = 비밀번호가 맞지 않아요. 다시 눌러 주세요.
pin-checking = 확인하고 있어요
pin-back = 이름 다시 고르기

## Course home
home-greeting = { $name } 님, 어서 오세요
home-continue = 이어서 하기
# What "이어서 하기" continues, e.g. "스마트폰 첫걸음 · 화면 누르기 (3 / 12)".
home-continue-detail = { $course } · { $lesson } ({ $current } / { $total })
home-all-courses = 모든 과정
home-nothing-yet = 아래에서 배우고 싶은 과정을 골라 주세요.
home-no-courses = 아직 과정이 없어요. 선생님께 말씀해 주세요.
home-previous-page = 앞 쪽
home-next-page = 다음 쪽
# Progress of a course, e.g. "2 / 5 마침".
course-progress = { $done } / { $total } 마침
course-lessons-title = 수업을 골라 주세요
course-lesson-done = 마침
course-lesson-new = 시작 전
course-lesson-started = 하는 중
course-back = 과정 목록

## Lesson player
player-previous = 이전
player-next = 다음
player-finish = 마치기
player-replay = 다시 듣기
player-stop = 소리 멈춤
player-volume = 소리 { $level }
volume-low = 작게
volume-medium = 보통
volume-high = 크게
player-speed = 빠르기 { $speed }
speed-slow = 천천히
speed-normal = 보통
speed-fast = 빠르게
audio-missing = 소리 장치가 없어서 소리 없이 진행합니다.
# The same at 150 % and 200 %, where the long sentence would not fit beside the lesson.
audio-missing-short = 소리 장치 없음
quiz-check = 확인
quiz-choose-first = 답을 먼저 골라 주세요
gesture-tap-target = 여기를 누르세요
gesture-long-press-target = 여기를 꾹 누르고 계세요
gesture-swipe-area = 이 칸 안에서 손가락을 밀어 보세요
gesture-drag-object = 옮길 것
gesture-drag-picked = 골랐어요. 이제 놓을 곳을 누르세요.
gesture-done = 잘하셨어요!
gesture-default-hint = 천천히 다시 해 보세요. 어려우면 '다음'을 눌러도 괜찮아요.
gesture-direction-left = 왼쪽으로
gesture-direction-right = 오른쪽으로
gesture-direction-up = 위로
gesture-direction-down = 아래로
simulation-right = 잘하셨어요! 바로 그 버튼이에요.
simulation-default-hint = 괜찮아요. 화면을 천천히 살펴보고 다시 눌러 보세요.
typing-typed = 쓴 글자
typing-space = 띄어쓰기
typing-backspace = 지우기
typing-shift = 쌍자음
typing-done = 잘 쓰셨어요!
typing-keep-going = 아직 다 쓰지 않았어요. 천천히 계속 써 보세요.

## Lesson complete
done-title = 수업을 마쳤어요
done-learned = 오늘 배운 것
done-next = 다음 수업: { $lesson }
done-continue = 다음 수업 하기
done-course-finished = 이 과정을 모두 마치셨어요!
done-to-courses = 과정 목록으로

## Idle
idle-question = 계속하시겠어요?
idle-countdown = { $seconds }초 뒤에 처음 화면으로 돌아갑니다. 배운 것은 모두 저장되어 있어요.
idle-continue = 계속하기

## Clock on the welcome screen
clock-date = { $month }월 { $day }일 { $weekday }
clock-time-am = 오전 { $hour }시 { $minute }분
clock-time-pm = 오후 { $hour }시 { $minute }분
weekday-mon = 월요일
weekday-tue = 화요일
weekday-wed = 수요일
weekday-thu = 목요일
weekday-fri = 금요일
weekday-sat = 토요일
weekday-sun = 일요일

# Shown over every screen when the journal thread finds the store damaged (its check
# runs after the window is up); nothing is written any more.
store-damaged-title = 이 키오스크의 기록 파일이 손상되었어요
store-damaged-body = 지금부터는 아무것도 기록되지 않아요. 강사 선생님께 알려 주세요.

## A window smaller than the smallest supported screen (1280×720)
screen-too-small-title = 화면이 너무 작습니다
screen-too-small-detail = 이 키오스크는 가로 1280, 세로 720 이상의 화면에서 쓸 수 있습니다. 화면 해상도를 높이거나 창을 크게 해 주세요.
