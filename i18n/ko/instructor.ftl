# Instructor mode: PIN, set-up, registration with consent, class, progress, certificates, report.

instructor-date = { $year }년 { $month }월 { $day }일
instructor-hours = { $hours }시간

## PIN
instructor-pin-title = 선생님 번호를 눌러 주세요
instructor-pin-wrong = 번호가 맞지 않습니다. { $tries }번 더 해 볼 수 있습니다.
instructor-pin-locked = 잘못 누른 횟수가 많아 잠시 잠겼습니다. { $seconds }초 뒤에 다시 해 주세요.
instructor-pin-checking = 확인하는 중입니다.
instructor-pin-clear = 지우기
instructor-pin-ok = 확인
instructor-back = 돌아가기

## Menu
instructor-menu-title = 선생님 메뉴
instructor-menu-class = 오늘 수업
instructor-menu-register = 학습자 등록
instructor-menu-progress = 수업 진도
instructor-menu-trainees = 활동가 과정
instructor-menu-report = 월간 보고서
instructor-menu-leave = 선생님 메뉴 닫기

## Set-up
instructor-setup-title = 처음 설정
instructor-setup-center = 배움터 이름
instructor-setup-county = 군
instructor-setup-township = 읍·면
instructor-setup-instructor = 첫 선생님 이름
instructor-setup-pin = 선생님 번호 (숫자 4~8자리)
instructor-setup-save = 설정 마치기

## Registration and consent
instructor-register-title = 학습자 등록
instructor-field-name = 이름
instructor-field-birth-year = 태어난 해
instructor-field-township = 사는 곳 (읍·면)
instructor-field-gender = 성별 (선택)
instructor-field-phone = 전화번호 (선택)
instructor-field-pin = 로그인 번호 4자리 (선택)
instructor-register-next = 다음: 그림과 동의
instructor-register-back = 이전: 적은 내용
instructor-icon-title = 이름 카드에 넣을 그림을 골라 주세요
icon-sun = 해
icon-moon = 달
icon-star = 별
icon-flower = 꽃
icon-tree = 나무
icon-house = 집
icon-mountain = 산
icon-heart = 하트
icon-fish = 물고기
icon-apple = 사과
icon-bird = 새
icon-leaf = 나뭇잎
instructor-consent-title = 개인정보를 모으는 것에 동의해 주세요
instructor-consent-required = 수업 기록을 남기려고 이름, 태어난 해, 사는 곳을 모읍니다. 주민등록번호는 받지 않습니다. 기록은 군청 디지털배움터 담당자만 봅니다. 언제든 지워 달라고 하실 수 있습니다.
instructor-consent-gender = 성별은 통계에만 씁니다. 동의하지 않아도 수업을 들을 수 있습니다.
instructor-consent-phone = 전화번호는 수업 안내 연락에만 씁니다. 동의하지 않아도 수업을 들을 수 있습니다.
instructor-consent-agree = 동의합니다
instructor-consent-read-aloud = 읽어 주기
instructor-register-save = 등록하기
instructor-registered = { $name } 님을 등록했습니다.
instructor-erase = 개인정보 지우기
instructor-erased = 개인정보를 지웠습니다.
instructor-invalid-name = 이름을 적어 주세요.
instructor-invalid-birth-year = 태어난 해를 네 자리 숫자로 적어 주세요.
instructor-invalid-township = 사는 곳을 적어 주세요.
instructor-invalid-consent = 꼭 필요한 항목에 동의해야 등록할 수 있습니다.
instructor-invalid-pin = 번호는 숫자로 적어 주세요. (학습자 4자리, 선생님 4~8자리)
instructor-invalid-center = 배움터 이름, 군, 읍·면을 모두 적어 주세요.

## Class session
instructor-class-title = 오늘 수업
instructor-class-choose-course = 수업할 과정을 고르세요
instructor-class-open = 수업 시작
instructor-class-close = 수업 마치기
instructor-class-present = 출석 { $present }명 / 전체 { $total }명
instructor-class-closed = 수업을 마쳤습니다. 모두 퇴실 처리했습니다.
instructor-class-hint = 이름을 누르면 출석, 한 번 더 누르면 퇴실입니다.

## Progress grid
instructor-progress-title = 수업 진도
instructor-state-done = 마침
instructor-state-in-progress = 하는 중
instructor-state-not-started = 시작 전
instructor-state-stuck = 막힘
instructor-help-answered = 도왔어요
instructor-help-waiting = 도움 요청: { $names }
instructor-no-session = 열린 수업이 없습니다. 먼저 오늘 수업을 시작하세요.
instructor-answers-title = { $name } 님의 답: { $lesson }
instructor-answer-line = { $step }: { $choice }번 { $result }
instructor-answer-right = 맞음
instructor-answer-wrong = 틀림

## Activist trainees
instructor-trainees-title = 디지털 지역활동가 과정
instructor-trainee-hours = 시간 { $hours } / { $required }
instructor-trainee-met = 요건 { $met } / { $total } 충족
instructor-trainee-missing = 남은 것: { $items }
instructor-trainee-missing-hours = { $hours }시간 더
instructor-trainee-missing-assessment = { $lesson } { $percent }점 이상
instructor-trainee-sign-off = 확인하고 수료증 발급
instructor-trainee-certified = 수료증 { $number }
instructor-no-track = 활동가 과정(인증 과정)이 없습니다.

## Certificates
certificate-title = 수 료 증
certificate-number-line = 제 { $number } 호
certificate-label-name = 성명
certificate-label-course = 과정
certificate-label-hours = 이수 시간
certificate-label-date = 발급일
certificate-body = 위 사람은 { $center }에서 실시한 「{ $course }」 과정을 { $hours } 이수하였기에 이 증서를 드립니다.
certificate-qr-caption = 휴대전화로 QR 코드를 찍으면 진위를 확인할 수 있습니다.
certificate-code-line = 확인 코드: { $code }
certificate-print-now = 인쇄하기
certificate-printing = 프린터로 보내는 중입니다.
certificate-printed = 프린터로 보냈습니다. 프린터에서 종이를 확인해 주세요.
certificate-print-failed = 인쇄하지 못했습니다. 프린터가 켜져 있는지 확인해 주세요. "인쇄용 파일 저장"으로 USB에 저장할 수도 있습니다. ({ $reason })
certificate-print = 인쇄용 파일 저장
certificate-save-failed = 수료증 파일을 저장하지 못했습니다. USB를 다시 꽂고 한 번 더 눌러 주세요. ({ $reason })
certificate-saved = 수료증을 저장했습니다: { $path }

## Monthly report
report-title = 월간 보고서
report-previous-month = ◀ 이전 달
report-next-month = 다음 달 ▶
report-month = { $year }년 { $month }월
report-empty = 이 달에는 기록된 수업이나 학습이 없습니다.
report-hours = { $hours }시간
report-export = USB로 내보내기
report-export-failed = 보고서를 저장하지 못했습니다. USB를 다시 꽂고 한 번 더 눌러 주세요. ({ $reason })
report-exported = 보고서를 저장했습니다: { $path }
report-col-month = 월
report-col-course = 과정
report-col-sessions = 수업 횟수
report-col-learners = 학습자 수
report-col-hours = 출석 시간
report-col-self-study = 자율 학습 시간
report-col-lessons = 마친 단원 수
report-col-certifications = 수료증 발급
report-total = 합계

## Learners: list, editing, erasure request
instructor-menu-learners = 학습자 관리
instructor-learners-title = 학습자 관리
instructor-learners-hint = 이름을 누르면 정보를 고치거나 개인정보 삭제를 요청할 수 있습니다.
instructor-learners-none = 등록된 학습자가 없습니다.
instructor-learners-edit = 고치기
instructor-learner-details = { $year }년생 · { $township }
instructor-page-prev = 이전 쪽
instructor-page-next = 다음 쪽
instructor-page-of = { $page } / { $pages } 쪽
instructor-edit-title = 학습자 정보 고치기
instructor-edit-save = 고친 내용 저장
instructor-edit-pin-kept = 로그인 번호는 비워 두면 그대로 둡니다.
instructor-updated = { $name } 님의 정보를 고쳤습니다.
instructor-saving = 저장하는 중입니다
instructor-erase-request = 개인정보 삭제 요청
instructor-erase-title = { $name } 님의 개인정보를 지울까요?
instructor-erase-what-here = 이름, 전화번호, 성별, 로그인 번호가 이 키오스크에서 바로 지워집니다.
instructor-erase-what-signin = 로그인 화면에서 이름 카드가 사라집니다.
instructor-erase-what-sync = 군청 서버와 다른 배움터 키오스크에서도 다음 동기화 때 지워집니다.
instructor-erase-what-counts = 출석 시간과 배운 단원 수는 이름 없이 통계 숫자로만 남습니다.
instructor-erase-what-final = 지운 정보는 되살릴 수 없습니다.
instructor-erase-cancel = 지우지 않기
instructor-erase-confirm = 네, 지워 주세요
