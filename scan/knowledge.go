package scan

// What packages, modules and settings mean: the scan's knowledge, kept as
// data so that adding a library is one line. The large tables are built on
// first use, as the patterns are (see lazyRegexp): every apiadvisor run
// links the scanner, and only scan and advise --from read them.

import "sync"

// Values of existing_stack.
const (
	stackDjango   = "django"
	stackFastAPI  = "fastapi"
	stackLitestar = "litestar"
	stackFlask    = "flask"
	stackOther    = "other"
)

// stackRank orders frameworks when a project depends on several: Django
// first, because a project that has Django at all keeps its models,
// migrations and admin there, and a FastAPI or Flask app beside it is a
// satellite; then the async API frameworks, whose own dependencies
// (Starlette under FastAPI) must not outrank them; Flask; the rest.
var stackRank = map[string]int{stackDjango: 0, stackFastAPI: 1, stackLitestar: 2, stackFlask: 3, stackOther: 4}

// Values of deployment, in the order one wins over another (see inferDeployment).
const (
	deployServerless = "serverless"
	deployContainers = "containers"
	deployServer     = "server"
)

// signal is what depending on a package says about one question.
type signal struct {
	q    string
	v    any
	what string // the package's role, for the evidence detail
}

func stack(v, what string) signal { return signal{KeyExistingStack, v, what} }
func yes(q, what string) signal   { return signal{q, true, what} }

// packages maps PEP 503 names to what depending on them means.
var packages = sync.OnceValue(func() map[string][]signal {
	return map[string][]signal{
		// Frameworks.
		"django":              {stack(stackDjango, "Django"), yes(KeyORM, "Django's ORM"), yes(KeyMigrations, "Django's migrations (makemigrations/migrate)")},
		"djangorestframework": {stack(stackDjango, "Django REST framework, on Django")},
		"django-ninja":        {stack(stackDjango, "Django Ninja, on Django"), yes(KeyAPIDocs, "Django Ninja serves OpenAPI docs at /docs under where the API is mounted (usually /api/docs)")},
		"fastapi":             {stack(stackFastAPI, "FastAPI")},
		"fastapi-slim":        {stack(stackFastAPI, "FastAPI")},
		"litestar":            {stack(stackLitestar, "Litestar")},
		"flask":               {stack(stackFlask, "Flask")},
		"apiflask":            {stack(stackFlask, "APIFlask, on Flask"), yes(KeyAPIDocs, "APIFlask generates OpenAPI docs")},
		"starlette":           {stack(stackOther, "Starlette")},
		"quart":               {stack(stackOther, "Quart")},
		"falcon":              {stack(stackOther, "Falcon")},
		"sanic":               {stack(stackOther, "Sanic")},
		"tornado":             {stack(stackOther, "Tornado")},
		"blacksheep":          {stack(stackOther, "BlackSheep")},
		"robyn":               {stack(stackOther, "Robyn")},
		"bottle":              {stack(stackOther, "Bottle")},
		"pyramid":             {stack(stackOther, "Pyramid")},
		"cherrypy":            {stack(stackOther, "CherryPy")},
		"hug":                 {stack(stackOther, "hug")},
		"emmett":              {stack(stackOther, "Emmett")},
		"connexion":           {stack(stackOther, "Connexion")},
		"microdot":            {stack(stackOther, "Microdot")},
		// ORMs.
		"sqlalchemy":       {yes(KeyORM, "SQLAlchemy")},
		"flask-sqlalchemy": {yes(KeyORM, "Flask-SQLAlchemy")},
		"sqlmodel":         {yes(KeyORM, "SQLModel, on SQLAlchemy")},
		"advanced-alchemy": {yes(KeyORM, "Advanced Alchemy, on SQLAlchemy")},
		"tortoise-orm":     {yes(KeyORM, "Tortoise ORM")},
		"peewee":           {yes(KeyORM, "Peewee")},
		"pony":             {yes(KeyORM, "Pony ORM")},
		"ormar":            {yes(KeyORM, "ormar")},
		"piccolo":          {yes(KeyORM, "Piccolo ORM")},
		// Migrations.
		"alembic":       {yes(KeyMigrations, "Alembic")},
		"flask-migrate": {yes(KeyMigrations, "Flask-Migrate, on Alembic")},
		"aerich":        {yes(KeyMigrations, "aerich, Tortoise ORM's migrations")},
		// Admin panels.
		"flask-admin":     {yes(KeyAdmin, "Flask-Admin")},
		"sqladmin":        {yes(KeyAdmin, "SQLAdmin")},
		"starlette-admin": {yes(KeyAdmin, "starlette-admin")},
		"fastapi-admin":   {yes(KeyAdmin, "fastapi-admin")},
		"piccolo-admin":   {yes(KeyAdmin, "Piccolo Admin")},
		// Background jobs. APScheduler counts: it runs jobs outside the
		// request cycle, which is what the question asks about, even without a
		// broker.
		"celery":                {yes(KeyBackgroundJobs, "Celery")},
		"django-celery-beat":    {yes(KeyBackgroundJobs, "Celery beat for Django")},
		"rq":                    {yes(KeyBackgroundJobs, "RQ")},
		"django-rq":             {yes(KeyBackgroundJobs, "django-rq")},
		"flask-rq2":             {yes(KeyBackgroundJobs, "Flask-RQ2")},
		"dramatiq":              {yes(KeyBackgroundJobs, "Dramatiq")},
		"django-dramatiq":       {yes(KeyBackgroundJobs, "django-dramatiq")},
		"huey":                  {yes(KeyBackgroundJobs, "Huey")},
		"arq":                   {yes(KeyBackgroundJobs, "arq")},
		"saq":                   {yes(KeyBackgroundJobs, "SAQ")},
		"django-q":              {yes(KeyBackgroundJobs, "Django Q")},
		"django-q2":             {yes(KeyBackgroundJobs, "Django Q2")},
		"django-tasks":          {yes(KeyBackgroundJobs, "django-tasks, the backport of Django's task framework")},
		"taskiq":                {yes(KeyBackgroundJobs, "Taskiq")},
		"procrastinate":         {yes(KeyBackgroundJobs, "Procrastinate")},
		"apscheduler":           {yes(KeyBackgroundJobs, "APScheduler")},
		"litestar-saq":          {yes(KeyBackgroundJobs, "SAQ for Litestar")},
		"fastapi-celery":        {yes(KeyBackgroundJobs, "Celery for FastAPI")},
		"flask-celery":          {yes(KeyBackgroundJobs, "Celery for Flask")},
		"django-celery-results": {yes(KeyBackgroundJobs, "Celery results for Django")},
		// Realtime.
		"channels":           {yes(KeyRealtime, "Django Channels")},
		"websockets":         {yes(KeyRealtime, "websockets")},
		"python-socketio":    {yes(KeyRealtime, "python-socketio")},
		"flask-socketio":     {yes(KeyRealtime, "Flask-SocketIO")},
		"flask-sock":         {yes(KeyRealtime, "flask-sock")},
		"sse-starlette":      {yes(KeyRealtime, "sse-starlette (server-sent events)")},
		"django-eventstream": {yes(KeyRealtime, "django-eventstream (server-sent events)")},
		"broadcaster":        {yes(KeyRealtime, "broadcaster")},
		// API docs generators.
		"drf-spectacular":     {yes(KeyAPIDocs, "drf-spectacular")},
		"drf-yasg":            {yes(KeyAPIDocs, "drf-yasg")},
		"django-rest-swagger": {yes(KeyAPIDocs, "django-rest-swagger")},
		"flask-smorest":       {yes(KeyAPIDocs, "flask-smorest")},
		"flasgger":            {yes(KeyAPIDocs, "Flasgger")},
		"flask-restx":         {yes(KeyAPIDocs, "Flask-RESTX (Swagger UI)")},
		"flask-openapi3":      {yes(KeyAPIDocs, "flask-openapi3")},
		"flask-apispec":       {yes(KeyAPIDocs, "flask-apispec")},
		"spectree":            {yes(KeyAPIDocs, "SpecTree")},
		// Serverless adapters.
		"mangum":          {signal{KeyDeployment, deployServerless, "Mangum, an ASGI adapter for AWS Lambda"}},
		"zappa":           {signal{KeyDeployment, deployServerless, "Zappa, which deploys to AWS Lambda"}},
		"chalice":         {signal{KeyDeployment, deployServerless, "AWS Chalice"}},
		"serverless-wsgi": {signal{KeyDeployment, deployServerless, "serverless-wsgi, a WSGI adapter for AWS Lambda"}},
		"apig-wsgi":       {signal{KeyDeployment, deployServerless, "apig-wsgi, a WSGI adapter for AWS Lambda"}},
	}
})

// appServers run the app as a long-lived process: weak evidence of
// deployment "server", since the same servers run inside containers.
var appServers = map[string]string{
	"gunicorn": "Gunicorn", "uwsgi": "uWSGI", "uvicorn": "Uvicorn", "hypercorn": "Hypercorn",
	"granian": "Granian", "litestar-granian": "Granian", "waitress": "Waitress", "daphne": "Daphne", "mod-wsgi": "mod_wsgi",
}

// typeHintValidators validate request bodies from type-hinted models; the
// validation rule needs one of them and a model library.
var typeHintValidators = map[string]string{
	"fastapi": "FastAPI", "fastapi-slim": "FastAPI", "litestar": "Litestar",
	"django-ninja": "Django Ninja", "flask-pydantic": "Flask-Pydantic",
	"flask-openapi3": "flask-openapi3", "spectree": "SpecTree", "quart-schema": "Quart-Schema",
}

// modelLibraries define the typed models those frameworks validate with,
// keyed by what modelLibrary calls a model class's library: the PEP 503
// name of its package, when it has one of its own.
var modelLibraries = map[string]struct {
	pkg   string // "depends on msgspec (msgspec models)"; "" for no package
	class string // "class Item is a msgspec Struct model"
}{
	"pydantic": {"Pydantic", "Pydantic"},
	"sqlmodel": {"SQLModel (Pydantic)", "SQLModel (Pydantic)"},
	"msgspec":  {"msgspec", "msgspec Struct"},
	// Schema comes with Django Ninja itself; the package named ninja is
	// the build tool.
	"ninja": {"", "Django Ninja Schema (Pydantic)"},
}

// moduleInfo is what importing a module means.
type moduleInfo struct {
	stack, stackName string // a framework, when no manifest names one
	cpu              string // a CPU-heavy library, in a module serving requests
	asyncDriver      string // an async I/O client
	background       string // a background-job framework
	migrations       string // a migrations tool
}

// modules maps imported module names (or dotted prefixes) to their meaning.
var modules = sync.OnceValue(func() map[string]moduleInfo {
	return map[string]moduleInfo{
		"django":         {stack: stackDjango, stackName: "Django"},
		"rest_framework": {stack: stackDjango, stackName: "Django REST framework"},
		"ninja":          {stack: stackDjango, stackName: "Django Ninja"},
		"fastapi":        {stack: stackFastAPI, stackName: "FastAPI"},
		"litestar":       {stack: stackLitestar, stackName: "Litestar"},
		"flask":          {stack: stackFlask, stackName: "Flask"},
		"starlette":      {stack: stackOther, stackName: "Starlette"},
		"quart":          {stack: stackOther, stackName: "Quart"},
		"falcon":         {stack: stackOther, stackName: "Falcon"},
		"sanic":          {stack: stackOther, stackName: "Sanic"},
		"tornado.web":    {stack: stackOther, stackName: "Tornado"},
		"blacksheep":     {stack: stackOther, stackName: "BlackSheep"},
		"robyn":          {stack: stackOther, stackName: "Robyn"},
		"bottle":         {stack: stackOther, stackName: "Bottle"},
		"pyramid":        {stack: stackOther, stackName: "Pyramid"},
		"aiohttp.web":    {stack: stackOther, stackName: "aiohttp's web server"},

		"numpy": {cpu: "NumPy"}, "pandas": {cpu: "pandas"}, "polars": {cpu: "Polars"},
		"torch": {cpu: "PyTorch"}, "tensorflow": {cpu: "TensorFlow"}, "keras": {cpu: "Keras"},
		"sklearn": {cpu: "scikit-learn"}, "scipy": {cpu: "SciPy"}, "PIL": {cpu: "Pillow"},
		"cv2": {cpu: "OpenCV"}, "skimage": {cpu: "scikit-image"}, "xgboost": {cpu: "XGBoost"},
		"lightgbm": {cpu: "LightGBM"}, "transformers": {cpu: "Transformers"}, "jax": {cpu: "JAX"},
		"numba": {cpu: "Numba"}, "onnxruntime": {cpu: "ONNX Runtime"},

		"asyncpg": {asyncDriver: "asyncpg"}, "motor": {asyncDriver: "Motor"},
		"aiomysql": {asyncDriver: "aiomysql"}, "aiopg": {asyncDriver: "aiopg"},
		"aiosqlite": {asyncDriver: "aiosqlite"}, "asyncmy": {asyncDriver: "asyncmy"},
		"aioboto3": {asyncDriver: "aioboto3"}, "aiobotocore": {asyncDriver: "aiobotocore"},
		"aiokafka": {asyncDriver: "aiokafka"}, "aio_pika": {asyncDriver: "aio-pika"},
		"aioredis": {asyncDriver: "aioredis"}, "redis.asyncio": {asyncDriver: "redis.asyncio"},
		"valkey.asyncio": {asyncDriver: "valkey.asyncio"}, "databases": {asyncDriver: "databases"},
		"tortoise": {asyncDriver: "Tortoise ORM"}, "beanie": {asyncDriver: "Beanie"},
		"odmantic": {asyncDriver: "ODMantic"}, "sqlalchemy.ext.asyncio": {asyncDriver: "SQLAlchemy's asyncio extension"},
		"aiofiles": {asyncDriver: "aiofiles"},

		"alembic": {migrations: "Alembic"},

		"django.tasks":  {background: "Django's task framework (django.tasks)"},
		"django_tasks":  {background: "django-tasks, the backport of Django's task framework"},
		"celery":        {background: "Celery"},
		"rq":            {background: "RQ"},
		"dramatiq":      {background: "Dramatiq"},
		"huey":          {background: "Huey"},
		"arq":           {background: "arq"},
		"saq":           {background: "SAQ"},
		"taskiq":        {background: "Taskiq"},
		"procrastinate": {background: "Procrastinate"},
		"apscheduler":   {background: "APScheduler"},
	}
})

// installedApps maps INSTALLED_APPS entries (or their prefixes) to what
// they mean.
var installedApps = sync.OnceValue(func() map[string]signal {
	return map[string]signal{
		"django.contrib.admin":  yes(KeyAdmin, "Django's admin site"),
		"channels":              yes(KeyRealtime, "Django Channels"),
		"django_eventstream":    yes(KeyRealtime, "django-eventstream (server-sent events)"),
		"django_celery_beat":    yes(KeyBackgroundJobs, "Celery beat"),
		"django_celery_results": yes(KeyBackgroundJobs, "Celery results"),
		"django_rq":             yes(KeyBackgroundJobs, "django-rq"),
		"django_q":              yes(KeyBackgroundJobs, "Django Q"),
		"django_tasks":          yes(KeyBackgroundJobs, "django-tasks"),
		"huey.contrib.djhuey":   yes(KeyBackgroundJobs, "Huey"),
		"drf_spectacular":       yes(KeyAPIDocs, "drf-spectacular"),
		"drf_yasg":              yes(KeyAPIDocs, "drf-yasg"),
	}
})
