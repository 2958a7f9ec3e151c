# The API, built with the SDK and run on the ASP.NET Core runtime.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig KnowledgeGraph.sln ./
COPY src/ src/
COPY cypher/ cypher/
COPY data/sample/ data/sample/
RUN dotnet publish src/Graph.Api/Graph.Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "Graph.Api.dll"]
